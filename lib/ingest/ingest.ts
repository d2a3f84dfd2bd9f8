// Ingest: validate each event on its own (a bad one never sinks the batch), normalise, and store
// the valid ones durably before answering. Idempotent on event.id: a replay is counted as
// duplicates and stores nothing twice (ON CONFLICT DO NOTHING, also across instances).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
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
  const inserted = await db.event.createManyAndReturn({
    data: valid.map(({ doc, ...columns }) => ({ ...columns, orgId, apiKeyId: source.apiKeyId, receivedAt: now, doc: doc as Prisma.InputJsonObject })),
    skipDuplicates: true,
    select: { eventId: true },
  });
  const insertedIds = new Set(inserted.map((e) => e.eventId));
  // Within one batch the first of two events sharing an id is the one stored.
  const seen = new Set<string>();
  const stored = valid.filter((e) => insertedIds.has(e.eventId) && !seen.has(e.eventId) && seen.add(e.eventId));
  return { accepted: stored.length, duplicates: valid.length - stored.length, rejected, stored };
}
