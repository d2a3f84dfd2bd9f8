// Reads an ingest body: a JSON array, {"events": [...]}, or NDJSON (one event a line), within the
// contract's limits (5,000 events, 5 MB; 413 beyond). The stream is cut off at the byte limit,
// so an unannounced huge body is never buffered whole.
import { AppError } from "@/lib/http/errors.ts";
import { readBodyText } from "@/lib/http/read-body.ts";

export const MAX_EVENTS_PER_REQUEST = 5_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The body as text, refused (413) past the byte limit. */
export function readEventsText(request: Request): Promise<string> {
  return readBodyText(
    request,
    MAX_BODY_BYTES,
    `The body is larger than ${MAX_BODY_BYTES} bytes; send at most 5 MB a request.`,
  );
}

/** Each item is a parsed value, or the reason its NDJSON line is not JSON. */
export type RawItem = { value: unknown } | { error: string };

function parseNdjson(text: string): RawItem[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return { value: JSON.parse(line) as unknown };
      } catch {
        return { error: "this line is not valid JSON" };
      }
    });
}

export async function readEventsBody(request: Request): Promise<RawItem[]> {
  return parseEventsText(await readEventsText(request), request.headers.get("content-type") ?? "");
}

/** The events of a body read by readEventsText (a worker thread may do this part). */
export function parseEventsText(text: string, contentType: string): RawItem[] {
  const trimmed = text.trimStart();
  let items: RawItem[];
  if (
    contentType.includes("ndjson") ||
    contentType.includes("jsonlines") ||
    (!trimmed.startsWith("[") && trimmed.includes("\n"))
  ) {
    items = parseNdjson(text);
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", 'The body is neither JSON (an array or {"events": [...]}) nor NDJSON.', [
        { path: "(root)", message: "invalid JSON" },
      ]);
    }
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === "object" && Array.isArray((parsed as { events?: unknown }).events)
        ? (parsed as { events: unknown[] }).events
        : null;
    items = list ? list.map((value) => ({ value })) : [{ value: parsed }];
  }
  if (items.length === 0)
    throw new AppError("bad_request", "The body holds no events.", [{ path: "(root)", message: "no events" }]);
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError(
      "payload_too_large",
      `${items.length} events in one request; send at most ${MAX_EVENTS_PER_REQUEST}.`,
    );
  }
  return items;
}
