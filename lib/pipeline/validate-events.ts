// Validate: each event on its own (a bad one never sinks the batch), bounded against hostile input,
// checked against the ECS schema and normalized. The outcome of each is a value, not an exception.
import type { EventFields, NormalizedEvent } from "@/lib/detection/event.ts";
import { zodFieldErrors, type FieldError } from "@/lib/http/errors.ts";
import { ecsEventSchema, expandDottedKeys } from "./ecs.ts";
import { hostileSafe } from "./hostile-input.ts";
import { normalizeEvent } from "./normalize.ts";
import type { RawItem } from "./read-body.ts";
import { splitForStorage, type StoredColumns } from "./stored-doc.ts";

export type Rejected = { index: number; errors: FieldError[] }[];

/** `untimed`: it came without @timestamp (nor one in its raw log line), so it got `now`. */
export function validateEvent(
  item: RawItem,
  now = new Date(),
): { event: NormalizedEvent; untimed: boolean } | { errors: FieldError[] } {
  if (Object.hasOwn(item, "error")) return { errors: [{ path: "(root)", message: (item as { error: string }).error }] };
  const { value } = item as { value: unknown };
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { errors: [{ path: "(root)", message: "an event must be a JSON object" }] };
  const safe = hostileSafe(value);
  if (Object.hasOwn(safe, "errors")) return safe as { errors: FieldError[] };
  const { value: clean, dotted } = safe as { value: unknown; dotted: boolean };
  const parsed = ecsEventSchema.safeParse(dotted ? expandDottedKeys(clean) : clean);
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const sentTimestamp = parsed.data["@timestamp"] !== undefined;
  const event = normalizeEvent(parsed.data, now);
  return { event, untimed: !sentTimestamp && event.doc["@timestamp"] === now.toISOString() };
}

export function validateEvents(items: RawItem[], now = new Date()) {
  const valid: NormalizedEvent[] = [];
  const indexes: number[] = [];
  const rejected: Rejected = [];
  const untimed = new Set<NormalizedEvent>();
  items.forEach((item, index) => {
    const result = validateEvent(item, now);
    if (Object.hasOwn(result, "errors")) rejected.push({ index, errors: (result as { errors: FieldError[] }).errors });
    else {
      const { event, untimed: sentUntimed } = result as { event: NormalizedEvent; untimed: boolean };
      valid.push(event);
      indexes.push(index);
      if (sentUntimed) untimed.add(event);
    }
  });
  return { valid, indexes, rejected, untimed };
}

/** A validated batch, ready to store: `rows` is the insert's one JSON parameter. */
export interface PreparedEvents<E extends EventFields = NormalizedEvent> {
  /** The valid events, in the order sent. */
  valid: E[];
  /** Each valid event's index in the body. */
  indexes: number[];
  rejected: Rejected;
  rows: string;
}

export function prepareEvents(items: RawItem[], now = new Date()): PreparedEvents {
  const { valid, indexes, rejected, untimed } = validateEvents(items, now);
  // One statement, one JSON parameter: far cheaper than thousands of bind parameters. Each value
  // is in it once, as a column or in the rest of the document (stored-doc.ts): the parameter's
  // size is most of the statement's cost.
  // Of two events with one id only the first is sent: the unique key also holds @timestamp, so the
  // database alone would keep both when their times differ. Then in unique-key order (@timestamp,
  // event.id): two concurrent batches holding some of the same events (a replay racing the
  // original) wait for each other instead of deadlocking on the key.
  // `untimed`: sent without @timestamp, so it got `now`, which its replay will not share (store-events.ts).
  const seen = new Set<string>();
  const rows: StoredRow[] = [];
  for (const event of valid) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const { rest, columns } = splitForStorage(event.doc);
    // The columns object becomes the row, filled in place: spreading it per event cost more than the split.
    const row = columns as StoredRow;
    row.eventId = event.eventId;
    row.timestamp = event.timestamp.toISOString();
    row.category = event.category;
    row.doc = rest;
    if (untimed.has(event)) row.untimed = true;
    rows.push(row);
  }
  rows.sort((a, b) => compare(a.timestamp, b.timestamp) || compare(a.eventId, b.eventId));
  return { valid, indexes, rejected, rows: JSON.stringify(rows) };
}

type StoredRow = StoredColumns & {
  eventId: string;
  timestamp: string;
  category: string[];
  doc: unknown;
  untimed?: true;
};

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
