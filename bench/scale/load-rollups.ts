// The loader writes events straight into the table, past the INSERT that keeps the rollups
// (lib/pipeline/rollup-events.ts): rebuild the org's rollups from its events, with the same buckets
// and vocabulary as that INSERT and as the rollup migration's backfill, and its text
// dictionary (lib/pipeline/text-dictionary.ts).
import type { SqlConnection } from "@/lib/db/sql.ts";
import { rebuildTextDictionary } from "@/lib/pipeline/text-dictionary.ts";

const EPOCH = `TIMESTAMPTZ '1970-01-01 00:00:00+00'`;

export async function rebuildRollups(sql: SqlConnection, orgId: string): Promise<number> {
  const started = performance.now();
  for (const table of [
    "EventRollup",
    "EventCategoryRollup",
    "EntityEventRollup",
    "EventMinuteTotal",
    "EventHalfHourRollup",
  ])
    await sql.query(`DELETE FROM "${table}" WHERE "orgId" = $1::uuid`, [orgId]);
  await sql.query(
    `INSERT INTO "EventRollup" ("orgId", "minute", "module", "action", "outcome", "statusClass", "count")
     SELECT "orgId", date_bin('1 minute', "timestamp", ${EPOCH}), rollup_module("module"), rollup_action("action"),
       rollup_outcome("outcome"), rollup_status_class("httpStatus"), count(*)
     FROM "Event" WHERE "orgId" = $1::uuid GROUP BY 1, 2, 3, 4, 5, 6`,
    [orgId],
  );
  await sql.query(
    `INSERT INTO "EventCategoryRollup" ("orgId", "minute", "category", "count")
     SELECT e."orgId", date_bin('1 minute', e."timestamp", ${EPOCH}), c.category, count(*)
     FROM "Event" e, LATERAL (SELECT DISTINCT rollup_category(v) AS category FROM unnest(e."category") AS v) c
     WHERE e."orgId" = $1::uuid GROUP BY 1, 2, 3`,
    [orgId],
  );
  await sql.query(
    `INSERT INTO "EntityEventRollup" ("orgId", "entityType", "entityValue", "hour", "count", "failures")
     SELECT e."orgId", x.type, x.value, date_bin('1 hour', e."timestamp", ${EPOCH}), count(*),
       count(*) FILTER (WHERE e."outcome" = 'failure')
     FROM "Event" e, LATERAL (VALUES ('ip', e."sourceIp"), ('user', e."userName"), ('host', e."hostName")) AS x(type, value)
     WHERE e."orgId" = $1::uuid AND x.value IS NOT NULL GROUP BY 1, 2, 3, 4`,
    [orgId],
  );
  // The coarser levels from the minutes, as their migration backfills them.
  await sql.query(
    `INSERT INTO "EventMinuteTotal" ("orgId", "minute", "count")
     SELECT "orgId", "minute", sum("count") FROM "EventRollup" WHERE "orgId" = $1::uuid GROUP BY 1, 2`,
    [orgId],
  );
  await sql.query(
    `INSERT INTO "EventHalfHourRollup" ("orgId", "halfHour", "module", "action", "outcome", "statusClass", "count")
     SELECT "orgId", date_bin('30 minutes', "minute", ${EPOCH}), "module", "action", "outcome", "statusClass", sum("count")
     FROM "EventRollup" WHERE "orgId" = $1::uuid GROUP BY 1, 2, 3, 4, 5, 6`,
    [orgId],
  );
  await rebuildTextDictionary((text, params) => sql.query(text, params), orgId);
  return (performance.now() - started) / 1000;
}
