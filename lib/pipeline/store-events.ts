// Store: the valid events of a batch, durably, before anything is answered. Idempotent on
// event.id: a replay is counted as duplicates and stores nothing twice (ON CONFLICT DO NOTHING,
// also across instances). The events table is partitioned by day, so its unique key is
// (org, @timestamp, event.id): a replay carries the same @timestamp. An event sent without one got
// the time it arrived, which a replay does not share: it is looked up by event.id alone among the
// recent days instead (UNTIMED_REPLAY_DAYS). The same statement counts the new events in the rollups
// (rollup-events.ts) and their URLs and user agents (text-dictionary.ts), and leaves the batch in the detection backlog
// (detection-backlog.ts), so a detection that fails after this point is redone, not lost.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { EventFields } from "@/lib/detection/event.ts";
import { plannedOnce, rawQuery } from "@/lib/db/raw.ts";
import { logger } from "@/lib/log.ts";
import { ADD_TO_BACKLOG } from "./detection-backlog.ts";
import { ROLLUP_CTES, ROLLUP_RETURNING } from "./rollup-events.ts";
import { TEXT_DICTIONARY_CTE } from "./text-dictionary.ts";
import type { PreparedEvents, Rejected } from "./validate-events.ts";

/** How far back a replay of an event sent without @timestamp is recognised. */
export const UNTIMED_REPLAY_DAYS = 7;

const INSERT_ROWS = `
  INSERT INTO "Event" ("orgId", "eventId", "timestamp", "receivedAt", "kind", "category", "action", "outcome", "module", "dataset",
    "sourceIp", "sourcePort", "destinationIp", "destinationPort", "userName", "hostName", "urlOriginal", "httpMethod", "httpStatus",
    "userAgent", "message", "doc", "apiKeyId")
  SELECT $1::uuid, r."eventId", r."timestamp", $2::timestamptz, r."kind", r."category", r."action", r."outcome", r."module",
    r."dataset", r."sourceIp", r."sourcePort", r."destinationIp", r."destinationPort", r."userName", r."hostName",
    r."urlOriginal", r."httpMethod", r."httpStatus", r."userAgent", r."message", r.doc, $4::uuid
  FROM jsonb_to_recordset($3::jsonb) AS r("eventId" text, "timestamp" timestamptz, "category" text[], "doc" jsonb,
    "untimed" boolean, "kind" text, "action" text, "outcome" text, "module" text, "dataset" text, "sourceIp" text,
    "sourcePort" int, "destinationIp" text, "destinationPort" int, "userName" text, "hostName" text, "urlOriginal" text,
    "httpMethod" text, "httpStatus" int, "userAgent" text, "message" text)
  WHERE r."untimed" IS NOT TRUE OR NOT EXISTS (
    SELECT 1 FROM "Event" e WHERE e."orgId" = $1::uuid AND e."eventId" = r."eventId"
      AND e."timestamp" >= r."timestamp" - interval '${UNTIMED_REPLAY_DAYS} days')
  ON CONFLICT ("orgId", "timestamp", "eventId") DO NOTHING
  RETURNING ${ROLLUP_RETURNING}`;

// How many were new, and which only when not all ($5: how many were sent); the new ones become one
// backlog row in the same statement (none when nothing was new), and are counted in the rollups.
const INSERT_EVENTS = plannedOnce(`
  WITH inserted AS (${INSERT_ROWS}),${ROLLUP_CTES},${TEXT_DICTIONARY_CTE},
  backlog AS (
    INSERT INTO "DetectionBacklog" ("id", "orgId", "eventIds", "createdAt")
    SELECT gen_random_uuid(), $1::uuid, array_agg("eventId"), $2::timestamptz FROM inserted HAVING count(*) > 0
    RETURNING "id")
  SELECT count(*)::int AS inserted, CASE WHEN count(*) < $5::int THEN json_agg("eventId") END AS ids,
    (SELECT "id" FROM backlog) AS "backlogId"
  FROM inserted`);

// One event at a time (after the batch insert was refused): the backlog row is written once at the
// end; the rollups count each event stored.
const INSERT_ONE = plannedOnce(`
  WITH inserted AS (${INSERT_ROWS}),${ROLLUP_CTES},${TEXT_DICTIONARY_CTE}
  SELECT count(*)::int AS inserted FROM inserted`);

export interface StoredBatch<E extends EventFields> {
  accepted: number;
  duplicates: number;
  rejected: Rejected;
  /** The events stored by this call (not the duplicates), in the order sent. */
  stored: E[];
  /** Each stored event's index into the batch's `valid`. */
  storedIndexes: number[];
  /** The valid events that were already stored (a replay), by id. */
  duplicateIds: string[];
  /** The backlog row holding `stored` until their detection commits; null when nothing was new. */
  backlogId: string | null;
}

/**
 * Stores a prepared batch; `stored` are the valid events that were new, in the order sent. The
 * insert answers with a count, and with the ids only when some were duplicates: reading back a
 * thousand ids per batch cost more than the rest of the answer.
 */
export async function storeEvents<E extends EventFields>(
  db: PrismaClient,
  orgId: string,
  batch: PreparedEvents<E>,
  source: { apiKeyId: string | null },
  now = new Date(),
): Promise<StoredBatch<E>> {
  if (batch.valid.length === 0)
    return {
      accepted: 0,
      duplicates: 0,
      rejected: batch.rejected,
      stored: [],
      storedIndexes: [],
      duplicateIds: [],
      backlogId: null,
    };
  let storedIndexes: number[];
  let rejected = batch.rejected;
  let backlogId: string | null;
  try {
    const [result] = await rawQuery<{ inserted: number; ids: string[] | null; backlogId: string | null }>(
      db,
      INSERT_EVENTS,
      [orgId, now.toISOString(), batch.rows, source.apiKeyId, batch.valid.length],
    );
    backlogId = result?.backlogId ?? null;
    storedIndexes = batch.valid.map((_, i) => i);
    if ((result?.inserted ?? 0) < batch.valid.length) {
      const insertedIds = new Set(result?.ids ?? []);
      // Within one batch the first of two events sharing an id is the one stored.
      const seen = new Set<string>();
      storedIndexes = storedIndexes.filter((i) => {
        const id = batch.valid[i]!.eventId;
        return insertedIds.has(id) && !seen.has(id) && seen.add(id);
      });
    }
  } catch (error) {
    if (!refusesData(error)) throw error;
    ({ storedIndexes, rejected } = await storeOneByOne(db, orgId, batch, source, now, error));
    const [row] = storedIndexes.length
      ? await rawQuery<{ id: string }>(db, ADD_TO_BACKLOG, [
          orgId,
          storedIndexes.map((i) => batch.valid[i]!.eventId),
          now.toISOString(),
        ])
      : [];
    backlogId = row?.id ?? null;
  }
  const stored = storedIndexes.map((i) => batch.valid[i]!);
  const refused = new Set(rejected.slice(batch.rejected.length).map((r) => r.index));
  // A second event with the id of one stored now is a duplicate too, but not a replay's.
  const storedIds = new Set(stored.map((event) => event.eventId));
  const duplicateIds = [
    ...new Set(
      batch.valid
        .filter((event, i) => !storedIds.has(event.eventId) && !refused.has(batch.indexes[i]!))
        .map((event) => event.eventId),
    ),
  ];
  return {
    accepted: stored.length,
    duplicates: batch.valid.length - refused.size - stored.length,
    rejected,
    stored,
    storedIndexes,
    duplicateIds,
    backlogId,
  };
}

/**
 * The database refused the event's data itself (SQLSTATE class 22, data exception, or 54, a limit
 * such as the jsonb nesting depth), not the connection or the statement: worth retrying without
 * the event that caused it. Sanitising on the way in (hostile-input.ts) should leave none.
 */
function refusesData(error: unknown): boolean {
  const code =
    (error as { code?: unknown } | null)?.code ?? (error as { meta?: { code?: unknown } } | null)?.meta?.code;
  return typeof code === "string" && /^(22|54)[0-9A-Z]{3}$/.test(code);
}

/**
 * After the batch insert was refused: each event on its own, so the one bad event is rejected with
 * its reason and the rest are stored. Answers which valid events were stored, and the rejections.
 */
async function storeOneByOne<E extends EventFields>(
  db: PrismaClient,
  orgId: string,
  batch: PreparedEvents<E>,
  source: { apiKeyId: string | null },
  now: Date,
  cause: unknown,
) {
  logger().warn(
    { err: cause, events: batch.valid.length },
    "the database refused an event batch; storing its events one by one",
  );
  const rows = JSON.parse(batch.rows) as { eventId: string }[];
  // `rows` holds each event.id once (the first event with it): each row goes back to that event.
  const byId = new Map<string, number[]>();
  batch.valid.forEach((event, i) => byId.set(event.eventId, [...(byId.get(event.eventId) ?? []), i]));
  const storedIndexes: number[] = [];
  const rejected = [...batch.rejected];
  for (const row of rows) {
    const validIndex = byId.get(row.eventId)!.shift()!;
    try {
      const [one] = await rawQuery<{ inserted: number }>(db, INSERT_ONE, [
        orgId,
        now.toISOString(),
        JSON.stringify([row]),
        source.apiKeyId,
      ]);
      if (one?.inserted) storedIndexes.push(validIndex);
    } catch (error) {
      if (!refusesData(error)) throw error;
      logger().warn({ err: error, eventId: row.eventId }, "the database refused an event");
      rejected.push({
        index: batch.indexes[validIndex]!,
        errors: [{ path: "(root)", message: "the database refused this event's data" }],
      });
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  return { storedIndexes: storedIndexes.sort((a, b) => a - b), rejected };
}
