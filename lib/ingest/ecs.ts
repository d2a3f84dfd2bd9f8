// The ingest event shape: a subset of the Elastic Common Schema as nested JSON
// (../shared/CONTRACT.md "Events"). Known fields are validated; unknown fields are kept.
// Dotted keys ("source.ip") are accepted too and expanded, as many log shippers send them.
import { isIP } from "node:net";
import { z } from "zod";

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const ip = z.string().refine((v) => isIP(v) !== 0, "must be an IPv4 or IPv6 address");
const port = z.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0-65535").max(65535, "must be 0-65535");
const endpoint = z.looseObject({ ip: ip.optional(), port: port.optional() });

export const ecsEventSchema = z.looseObject({
  "@timestamp": z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
  event: z
    .looseObject({
      id: text(200).min(1, "must not be empty").optional(),
      kind: text(64).optional(),
      category: z.array(text(64)).max(20).optional(),
      action: text(256).optional(),
      outcome: z.enum(["success", "failure", "unknown"], { error: "must be success, failure or unknown" }).optional(),
      module: text(64).optional(),
      dataset: text(128).optional(),
    })
    .optional(),
  source: endpoint.optional(),
  destination: endpoint.optional(),
  user: z.looseObject({ name: text(256).optional() }).optional(),
  host: z.looseObject({ name: text(256).optional() }).optional(),
  url: z.looseObject({ original: text(8192).optional() }).optional(),
  http: z
    .looseObject({
      request: z.looseObject({ method: text(16).optional(), body: z.looseObject({ content: text(65_536).optional() }).optional() }).optional(),
      response: z.looseObject({ status_code: z.number().int("must be a whole number").min(100, "must be 100-599").max(599, "must be 100-599").optional() }).optional(),
    })
    .optional(),
  user_agent: z.looseObject({ original: text(2048).optional() }).optional(),
  message: text(65_536).optional(),
  labels: z.record(z.string(), z.string({ error: "label values must be strings" })).optional(),
  tags: z.array(text(256)).max(100).optional(),
});

export type EcsEvent = z.infer<typeof ecsEventSchema>;

/** {"source.ip": "1.2.3.4"} -> {"source": {"ip": "1.2.3.4"}}; nested objects are merged. */
export function expandDottedKeys(value: unknown): unknown {
  return hasDottedKey(value) ? expand(value) : value;
}

/** Most senders nest already: checking costs far less than rebuilding every event. */
function hasDottedKey(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  for (const key in value) {
    if ((key.includes(".") && key !== "@timestamp") || hasDottedKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const child = expand(raw);
    const path = key === "@timestamp" || !key.includes(".") ? [key] : key.split(".");
    let node = out;
    path.slice(0, -1).forEach((part) => {
      if (!node[part] || typeof node[part] !== "object" || Array.isArray(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    });
    const last = path.at(-1)!;
    const existing = node[last];
    node[last] =
      existing && typeof existing === "object" && !Array.isArray(existing) && child && typeof child === "object" && !Array.isArray(child)
        ? { ...existing, ...(child as object) }
        : child;
  }
  return out;
}
