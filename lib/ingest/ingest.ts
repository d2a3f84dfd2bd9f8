// Ingest: validate each event on its own (a bad one never sinks the batch), normalise, and store
// the valid ones durably before answering. Idempotent on event.id: a replay is counted as
// duplicates and stores nothing twice (ON CONFLICT DO NOTHING, also across instances).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { zodFieldErrors, type FieldError } from "@/lib/http/errors.ts";
import { ecsEventSchema, expandDottedKeys } from "./ecs.ts";
import { normalizeEvent, type NormalizedEvent } from "./normalize.ts";
import type { RawItem } from "./read-body.ts";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; errors: FieldError[] }[];
  /** The events stored by this call (not the duplicates), for scoring. */
  stored: NormalizedEvent[];
}

export function validateEvent(item: RawItem, now = new Date()): { event: NormalizedEvent } | { errors: FieldError[] } {
  if ("error" in item) return { errors: [{ path: "(root)", message: item.error }] };
  if (!item.value || typeof item.value !== "object" || Array.isArray(item.value)) return { errors: [{ path: "(root)", message: "an event must be a JSON object" }] };
  const parsed = ecsEventSchema.safeParse(expandDottedKeys(item.value));
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  return { event: normalizeEvent(parsed.data, now) };
}

export function validateEvents(items: RawItem[], now = new Date()) {
  const valid: NormalizedEvent[] = [];
  const rejected: IngestResult["rejected"] = [];
  items.forEach((item, index) => {
    const result = validateEvent(item, now);
    if ("errors" in result) rejected.push({ index, errors: result.errors });
    else valid.push(result.event);
  });
  return { valid, rejected };
}

export async function ingestEvents(db: PrismaClient, orgId: string, items: RawItem[], source: { apiKeyId: string | null }, now = new Date()): Promise<IngestResult> {
  const { valid, rejected } = validateEvents(items, now);
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected, stored: [] };
  // One statement, one JSON parameter: far cheaper than thousands of bind parameters.
  const rows = valid.map(({ doc, timestamp, ...columns }) => ({ ...columns, timestamp: timestamp.toISOString(), doc }));
  const inserted = await db.$queryRaw<{ eventId: string }[]>`
    INSERT INTO "Event" ("id", "orgId", "eventId", "timestamp", "receivedAt", "kind", "category", "action", "outcome", "module", "dataset",
      "sourceIp", "sourcePort", "destinationIp", "destinationPort", "userName", "hostName", "urlOriginal", "httpMethod", "httpStatus",
      "userAgent", "message", "doc", "apiKeyId")
    SELECT gen_random_uuid(), ${orgId}::uuid, r."eventId", r."timestamp", ${now}::timestamptz, r."kind", r."category", r."action", r."outcome", r."module", r."dataset",
      r."sourceIp", r."sourcePort", r."destinationIp", r."destinationPort", r."userName", r."hostName", r."urlOriginal", r."httpMethod", r."httpStatus",
      r."userAgent", r."message", r."doc", ${source.apiKeyId}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("eventId" text, "timestamp" timestamptz, "kind" text, "category" text[], "action" text,
      "outcome" text, "module" text, "dataset" text, "sourceIp" text, "sourcePort" int, "destinationIp" text, "destinationPort" int, "userName" text,
      "hostName" text, "urlOriginal" text, "httpMethod" text, "httpStatus" int, "userAgent" text, "message" text, "doc" jsonb)
    ON CONFLICT ("orgId", "eventId") DO NOTHING
    RETURNING "eventId"`;
  const insertedIds = new Set(inserted.map((e) => e.eventId));
  // Within one batch the first of two events sharing an id is the one stored.
  const seen = new Set<string>();
  const stored = valid.filter((e) => insertedIds.has(e.eventId) && !seen.has(e.eventId) && seen.add(e.eventId));
  return { accepted: stored.length, duplicates: valid.length - stored.length, rejected, stored };
}
