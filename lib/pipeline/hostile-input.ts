// The first step for every ingested event, before any parser or recursive walker sees it: nesting
// bounded, every string (keys too) made storable, prototypes out of reach. An event's sender may be
// an attacker (docs/security.md); what fails here is that one event's rejection, never its batch's.
import type { FieldError } from "@/lib/http/errors.ts";

/**
 * Deeper events are rejected. ECS itself nests four levels; vendor fields rarely reach ten. The
 * bound keeps every recursive walker after this one (dotted-key expansion, the validator,
 * JSON.stringify, PostgreSQL's jsonb input) far from its stack limit.
 */
export const MAX_EVENT_DEPTH = 32;

// Node 20 has both (ES2024); the project's TypeScript lib stops at ES2023.
interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
export const isWellFormed = (text: string) => (text as unknown as WellFormed).isWellFormed();

/** Keys that reach an object's prototype when assigned through a computed key. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export const isPrototypeKey = (key: string) => PROTOTYPE_KEYS.has(key);

/**
 * Lone surrogates become U+FFFD (String.prototype.toWellFormed), and so does U+0000, which
 * PostgreSQL's text and jsonb cannot hold: the event is stored with the damage visible.
 */
export function storableText(text: string): string {
  const wellFormed = isWellFormed(text) ? text : (text as unknown as WellFormed).toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\ufffd") : wellFormed;
}

const needsRepair = (text: string) => !isWellFormed(text) || text.includes("\u0000");

/**
 * The event ready for validation: the same value when nothing needed repair (most events; no copy),
 * else a copy of null-prototype objects with every string storable, a literal `__proto__` key kept
 * as plain data; `dotted` when some key has a dot to expand. Rejected, naming the top-level field, when nested deeper than MAX_EVENT_DEPTH. The
 * walk is iterative, so a 100,000-deep body is measured without a stack overflow.
 */
export function hostileSafe(value: unknown): { value: unknown; dotted: boolean } | { errors: FieldError[] } {
  let repair = false;
  let dotted = false;
  // Only objects and arrays go on the stacks (parallel ones: no allocation per node); strings are
  // checked where they are met.
  const nodes: object[] = [];
  const depths: number[] = [];
  const tops: string[] = [];
  if (value && typeof value === "object") {
    nodes.push(value);
    depths.push(0);
    tops.push("(root)");
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const top = tops.pop()!;
    if (depth >= MAX_EVENT_DEPTH)
      return { errors: [{ path: storableText(top), message: `nested deeper than ${MAX_EVENT_DEPTH} levels` }] };
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === "string") repair ||= needsRepair(item);
        else if (item && typeof item === "object") {
          nodes.push(item);
          depths.push(depth + 1);
          tops.push(top);
        }
      }
      continue;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      repair ||= needsRepair(key) || isPrototypeKey(key);
      dotted ||= key.includes(".") && key !== "@timestamp";
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === "string") repair ||= needsRepair(child);
      else if (child && typeof child === "object") {
        nodes.push(child);
        depths.push(depth + 1);
        tops.push(depth === 0 ? key : top);
      }
    }
  }
  return { value: repair ? repaired(value) : value, dotted };
}

/** Recursive, but only ever called on values hostileSafe measured: at most MAX_EVENT_DEPTH deep. */
function repaired(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (!value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(repaired);
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[storableText(key)] = repaired((value as Record<string, unknown>)[key]);
  return out;
}

/** Stored timestamps lie in [1970-01-01, now + 1 day]: older or later ones are a clock or an attack. */
export const TIMESTAMP_MIN_MS = 0;
export const TIMESTAMP_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;
export const TIMESTAMP_RANGE_MESSAGE = "must lie between 1970-01-01 and one day from now";

export function timestampInRange(ms: number, now = Date.now()): boolean {
  return Number.isFinite(ms) && ms >= TIMESTAMP_MIN_MS && ms <= now + TIMESTAMP_MAX_AHEAD_MS;
}
