// The ingest event shape: a subset of the Elastic Common Schema as nested JSON
// (../shared/CONTRACT.md "Events"). Known fields are validated; unknown fields are kept.
// Dotted keys ("source.ip") are accepted too and expanded, as many log shippers send them.
import { isIP } from "node:net";
import { z } from "zod";
import type { EventDoc } from "@/lib/detection/event.ts";
import { isPrototypeKey, timestampInRange, TIMESTAMP_RANGE_MESSAGE } from "./hostile-input.ts";

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const ip = z.string().refine((v) => isIP(v) !== 0, "must be an IPv4 or IPv6 address");
const port = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(0, "must be 0-65535")
  .max(65535, "must be 0-65535");
const endpoint = z.looseObject({ ip: ip.optional(), port: port.optional() });

export const ecsEventSchema = z.looseObject({
  "@timestamp": z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
    .refine((v) => timestampInRange(Date.parse(v)), TIMESTAMP_RANGE_MESSAGE)
    .optional(),
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
      request: z
        .looseObject({
          method: text(16).optional(),
          body: z.looseObject({ content: text(65_536).optional() }).optional(),
        })
        .optional(),
      response: z
        .looseObject({
          status_code: z
            .number()
            .int("must be a whole number")
            .min(100, "must be 100-599")
            .max(599, "must be 100-599")
            .optional(),
        })
        .optional(),
    })
    .optional(),
  user_agent: z.looseObject({ original: text(2048).optional() }).optional(),
  message: text(65_536).optional(),
  labels: z.record(z.string(), z.string({ error: "label values must be strings" })).optional(),
  tags: z.array(text(256)).max(100).optional(),
});

export type EcsEvent = z.infer<typeof ecsEventSchema>;

// The engine restates this shape without zod (lib/detection/event.ts, kept pure): this stops
// compiling when the schema and that type drift apart.
type Holds<T extends true> = T;
export type EcsEventIsEventDoc = Holds<
  [EcsEvent] extends [EventDoc] ? ([EventDoc] extends [EcsEvent] ? true : false) : false
>;

/**
 * {"source.ip": "1.2.3.4"} -> {"source": {"ip": "1.2.3.4"}}; nested objects are merged. The objects
 * built have no prototype, and a key with a `__proto__`, `constructor` or `prototype` segment is
 * kept whole as plain data instead of being expanded: a header named "__proto__.public" once wrote
 * Object.prototype.public (issue 18). Recursive: call it on values hostileSafe has bounded.
 */
export function expandDottedKeys(value: unknown): unknown {
  return hasDottedKey(value) ? expand(value) : value;
}

/** Most senders nest already: checking costs far less than rebuilding every event. */
function hasDottedKey(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  for (const key of Object.keys(value)) {
    if ((key.includes(".") && key !== "@timestamp") || hasDottedKey((value as Record<string, unknown>)[key]))
      return true;
  }
  return false;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

/** The dotted key's path, or the key alone when it has no dot or names a prototype on the way. */
function pathOf(key: string): string[] {
  if (key === "@timestamp" || !key.includes(".")) return [key];
  const path = key.split(".");
  return path.some(isPrototypeKey) ? [key] : path;
}

/** Own properties only: an absent key on a null-prototype object, never an inherited one. */
const own = (node: Record<string, unknown>, key: string) => (Object.hasOwn(node, key) ? node[key] : undefined);

function expand(value: unknown): unknown {
  if (!isPlainRecord(value)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const child = expand(value[key]);
    const path = pathOf(key);
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = own(node, part);
      if (!isPlainRecord(next)) node[part] = Object.create(null);
      node = node[part] as Record<string, unknown>;
    }
    const last = path.at(-1)!;
    const existing = own(node, last);
    node[last] =
      isPlainRecord(existing) && isPlainRecord(child) ? Object.assign(Object.create(null), existing, child) : child;
  }
  return out;
}
