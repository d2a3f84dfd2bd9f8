// Events that carry one value in each place an attacker puts a path or a URL (a query parameter,
// the URL path, a JSON body field, a form field), and the ids of the path and URL grammar's
// detectors that fire on them: shared by the grammar's property tests.
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "@/lib/detection/payloads/index.ts";
import { PATH_GRAMMAR } from "@/lib/detection/grammar/path/detectors.ts";
import { URL_GRAMMAR } from "@/lib/detection/grammar/url/detectors.ts";

export const GRAMMAR_IDS = new Set([...PATH_GRAMMAR, ...URL_GRAMMAR].map((d) => d.id));
export type Placement = "query" | "path" | "json" | "form";
export const PLACEMENTS: Placement[] = ["query", "json", "form"];

export function eventWith(value: string, placement: Placement, name = "file", domain = "shop.example") {
  const request = (body?: string, type?: string) => ({
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined ? {} : { body: { content: body }, headers: { "content-type": type } }),
  });
  const url = (original: string) => ({ original, domain });
  switch (placement) {
    case "query":
      return normalizeEvent({ url: url(`/app?${name}=${encodeURIComponent(value)}`), http: { request: request() } });
    case "path":
      return normalizeEvent({ url: url(value.startsWith("/") ? value : `/${value}`), http: { request: request() } });
    case "json":
      return normalizeEvent({
        url: url("/api/items"),
        http: { request: request(JSON.stringify({ [name]: value }), "application/json") },
      });
    case "form":
      return normalizeEvent({
        url: url("/submit"),
        http: { request: request(`${name}=${encodeURIComponent(value)}`, "application/x-www-form-urlencoded") },
      });
  }
}

/** The path and URL grammar's detections on the event, as "id" strings; the engine's errors fail the test. */
export function grammarIds(event: ReturnType<typeof normalizeEvent>): string[] {
  const errors: string[] = [];
  const found = detectPayloads(event, { onDetectorError: ({ detector }) => errors.push(detector) });
  if (errors.length) throw new Error(`detectors threw: ${errors.join(", ")}`);
  return found.filter((d) => GRAMMAR_IDS.has(d.id)).map((d) => d.id);
}
