// The dictionary of an org's user agents ("EventUserAgent", migration 20261204020000): each value
// once, with the UTC day it was last seen. Free text finds user agents there by trigrams and then
// their events by hash (lib/events/search-text.ts); indexing ~80 trigrams of a repeated value per
// event was half of what storing an event cost. Kept by the statement that stores a batch, over
// its RETURNING like the rollups: only new events count, and a failed batch adds nothing.
import type { RawExecutor } from "@/lib/db/raw.ts";

/** An event's key in "Event_search_gin_idx" and the dictionary's: exactly as the migration writes it. */
export const USER_AGENT_HASH_SQL = `(md5("userAgent")::uuid)`;

const UTC_DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/**
 * A CTE (to follow `WITH inserted AS (...)`, whose RETURNING holds "userAgent" and "timestamp";
 * $1 is the org) adding the batch's new user agents and moving on the day of those seen again.
 * In hash order, like the rollups: concurrent batches lock shared rows in one order. A day is only
 * ever moved forward (a late event leaves it), so each row changes at most once a day. Grouped by
 * the hash, not the text: two texts made to share an md5 (collisions can be crafted) are one row
 * and never fail the batch; the search rechecks each event's own text.
 */
export const USER_AGENT_CTE = `
  user_agents AS (
    INSERT INTO "EventUserAgent" AS u ("orgId", "hash", "userAgent", "lastSeenOn")
    SELECT $1::uuid, md5("userAgent")::uuid, min("userAgent"), max(${UTC_DAY(`"timestamp"`)})
    FROM inserted WHERE "userAgent" IS NOT NULL GROUP BY 2 ORDER BY 2
    ON CONFLICT ("orgId", "hash") DO UPDATE SET "lastSeenOn" = excluded."lastSeenOn"
      WHERE u."lastSeenOn" < excluded."lastSeenOn")`;

/** The dictionary rebuilt from the org's stored events (for events written past the store statement). */
export async function rebuildUserAgents(query: RawExecutor, orgId: string): Promise<void> {
  await query(`DELETE FROM "EventUserAgent" WHERE "orgId" = $1::uuid`, [orgId]);
  await query(
    `INSERT INTO "EventUserAgent" ("orgId", "hash", "userAgent", "lastSeenOn")
     SELECT "orgId", md5("userAgent")::uuid, min("userAgent"), max(${UTC_DAY(`"timestamp"`)})
     FROM "Event" WHERE "orgId" = $1::uuid AND "userAgent" IS NOT NULL GROUP BY 1, 2`,
    [orgId],
  );
}

/** Removes the user agents last seen before `cutoff` (a UTC midnight): retention dropped all their events. */
export async function pruneUserAgents(query: RawExecutor, orgId: string, cutoff: Date): Promise<number> {
  const [row] = await query<{ n: number }>(
    `WITH gone AS (DELETE FROM "EventUserAgent" WHERE "orgId" = $1::uuid AND "lastSeenOn" < $2::date RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [orgId, cutoff.toISOString().slice(0, 10)],
  );
  return row?.n ?? 0;
}
