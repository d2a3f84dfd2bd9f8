// Rollups kept in the statement that stores a batch: CTEs over the events INSERT's RETURNING, so
// only newly stored events count (a replay adds nothing) and a batch that fails adds nothing (one
// statement, one transaction). Each upsert is pre-aggregated (one row per key per batch, not per
// event) and takes its rows in key order, so two batches touching the same rows wait for each
// other instead of deadlocking. Buckets are date_bin on the Unix epoch: timezone-independent and
// aligned with the readers' buckets (lib/stats/event-rollups.ts). The tables and the vocabulary
// functions (rollup_module, ...) are in prisma/migrations/20261203183000_event_rollups, the minute
// totals (for the overview) and the half-hour level (for long filtered histograms) in 20261203185000.

/** The columns the rollups (and the text dictionary, text-dictionary.ts) read from the events INSERT's RETURNING. */
export const ROLLUP_RETURNING = `"eventId", "timestamp", "module", "action", "outcome", "httpStatus", "category", "sourceIp", "userName", "hostName", "urlOriginal", "userAgent"`;

const bucket = (unit: "1 minute" | "30 minutes" | "1 hour", column: string) =>
  `date_bin('${unit}', ${column}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

/** CTEs (to follow `WITH inserted AS (...)`) upserting the rollups of `inserted`; $1 is the org. */
export const ROLLUP_CTES = `
  event_rollup AS (
    INSERT INTO "EventRollup" AS r ("orgId", "minute", "module", "action", "outcome", "statusClass", "count")
    SELECT $1::uuid, ${bucket("1 minute", `"timestamp"`)}, rollup_module("module"), rollup_action("action"), rollup_outcome("outcome"),
      rollup_status_class("httpStatus"), count(*)
    FROM inserted GROUP BY 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 5, 6
    ON CONFLICT ("orgId", "minute", "module", "action", "outcome", "statusClass")
      DO UPDATE SET "count" = r."count" + excluded."count"),
  half_hour_rollup AS (
    INSERT INTO "EventHalfHourRollup" AS r ("orgId", "halfHour", "module", "action", "outcome", "statusClass", "count")
    SELECT $1::uuid, ${bucket("30 minutes", `"timestamp"`)}, rollup_module("module"), rollup_action("action"),
      rollup_outcome("outcome"), rollup_status_class("httpStatus"), count(*)
    FROM inserted GROUP BY 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 5, 6
    ON CONFLICT ("orgId", "halfHour", "module", "action", "outcome", "statusClass")
      DO UPDATE SET "count" = r."count" + excluded."count"),
  minute_total AS (
    INSERT INTO "EventMinuteTotal" AS r ("orgId", "minute", "count")
    SELECT $1::uuid, ${bucket("1 minute", `"timestamp"`)}, count(*) FROM inserted GROUP BY 2 ORDER BY 2
    ON CONFLICT ("orgId", "minute") DO UPDATE SET "count" = r."count" + excluded."count"),
  category_rollup AS (
    INSERT INTO "EventCategoryRollup" AS r ("orgId", "minute", "category", "count")
    SELECT $1::uuid, g.minute, c.category, sum(g.n)
    FROM (SELECT ${bucket("1 minute", `"timestamp"`)} AS minute, "category", count(*) AS n FROM inserted GROUP BY 1, 2) g,
      LATERAL (SELECT DISTINCT rollup_category(v) AS category FROM unnest(g."category") AS v) c
    GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT ("orgId", "minute", "category") DO UPDATE SET "count" = r."count" + excluded."count"),
  entity_rollup AS (
    INSERT INTO "EntityEventRollup" AS r ("orgId", "entityType", "entityValue", "hour", "count", "failures")
    SELECT $1::uuid, x.type, x.value, ${bucket("1 hour", `i."timestamp"`)}, count(*),
      count(*) FILTER (WHERE i."outcome" = 'failure')
    FROM inserted i, LATERAL (VALUES ('ip', i."sourceIp"), ('user', i."userName"), ('host', i."hostName")) AS x(type, value)
    WHERE x.value IS NOT NULL
    GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT ("orgId", "entityType", "entityValue", "hour")
      DO UPDATE SET "count" = r."count" + excluded."count", "failures" = r."failures" + excluded."failures")`;
