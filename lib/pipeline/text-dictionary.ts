// The dictionary of an org's URLs and user agents ("EventText", migration 20261204020000): each
// value once, with the UTC day it was last seen. Free text finds values there by trigrams and then
// their events by hash (lib/events/search-text.ts); indexing the trigrams of repeated values per
// event was half of what storing an event cost. Kept by the statement that stores a batch, over
// its RETURNING like the rollups: only new events count, and a failed batch adds nothing.
import type { RawExecutor } from "@/lib/db/raw.ts";

/** The dictionary's fields and the event column each comes from. */
export const DICTIONARY_FIELDS = [
  { field: "url", column: "urlOriginal" },
  { field: "userAgent", column: "userAgent" },
] as const;

export type DictionaryField = (typeof DICTIONARY_FIELDS)[number]["field"];

/** A value's key in "Event_search_gin_idx" and the dictionary's: exactly as the migration writes it. */
export const hashSql = (column: string) => `(md5(${column})::uuid)`;

const UTC_DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** Each event's dictionary values, as rows (field, value); `e` is the events' alias. */
const VALUES_OF = (e: string) =>
  `LATERAL (VALUES ${DICTIONARY_FIELDS.map(({ field, column }) => `('${field}', ${e}."${column}")`).join(", ")}) AS v(field, value)`;

/** The dictionary's rows ($1 the org) from the events in `from` (aliased e), with `where` ending in AND. */
const dictionaryRows = (from: string, where: string) => `
    SELECT $1::uuid, d.field, md5(d.value)::uuid, min(d.value), max(d.day)
    FROM (
      SELECT v.field, v.value, ${UTC_DAY(`max(e."timestamp")`)} AS day
      FROM ${from} e, ${VALUES_OF("e")}
      WHERE ${where} v.value IS NOT NULL GROUP BY 1, 2) AS d
    GROUP BY 2, 3`;

/**
 * A CTE (to follow `WITH inserted AS (...)`, whose RETURNING holds the fields' columns and
 * "timestamp"; $1 is the org) adding the batch's new values and moving on the day of those seen
 * again. In key order, like the rollups: concurrent batches lock shared rows in one order. A day
 * only ever moves forward (a late event leaves it), so a row changes at most once a day. Each
 * distinct value is hashed once (a batch of 1,000 events holds ~50: an md5 per event and field was
 * ~2.4 µs an event), then grouped by hash: two values made to share an md5 (collisions can be
 * crafted) are one row and never fail the batch; the search rechecks each event's own value.
 */
export const TEXT_DICTIONARY_CTE = `
  text_dictionary AS (
    INSERT INTO "EventText" AS t ("orgId", "field", "hash", "value", "lastSeenOn")
    ${dictionaryRows("inserted", "")} ORDER BY 2, 3
    ON CONFLICT ("orgId", "field", "hash") DO UPDATE SET "lastSeenOn" = excluded."lastSeenOn"
      WHERE t."lastSeenOn" < excluded."lastSeenOn")`;

/** The dictionary rebuilt from the org's stored events (for events written past the store statement). */
export async function rebuildTextDictionary(query: RawExecutor, orgId: string): Promise<void> {
  await query(`DELETE FROM "EventText" WHERE "orgId" = $1::uuid`, [orgId]);
  await query(
    `INSERT INTO "EventText" ("orgId", "field", "hash", "value", "lastSeenOn")
    ${dictionaryRows(`"Event"`, `e."orgId" = $1::uuid AND`)}`,
    [orgId],
  );
}

/** Removes the values last seen before `cutoff` (a UTC midnight): retention dropped all their events. */
export async function pruneTextDictionary(query: RawExecutor, orgId: string, cutoff: Date): Promise<number> {
  const [row] = await query<{ n: number }>(
    `WITH gone AS (DELETE FROM "EventText" WHERE "orgId" = $1::uuid AND "lastSeenOn" < $2::date RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [orgId, cutoff.toISOString().slice(0, 10)],
  );
  return row?.n ?? 0;
}
