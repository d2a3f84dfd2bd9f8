-- The alert rollups' trigger (20261203184000_alert_rollups) with its statements planned once per
-- connection instead of on every alert statement. It built them as text and ran them with EXECUTE,
-- which plans each time: ~1.2 ms of planning per ingest batch (its alert UPDATE and INSERT), more
-- than the rollups' own work. Static SQL in PL/pgSQL keeps its plans. The changes are the same
-- (each new row +1, each old row -1, an update's unchanged rows left out), passed as an array of
-- "alert_rollup_change" to one writer, so the three upserts are written once for the three
-- operations. Locking is unchanged: the orgs' rollup locks in key order, then each rollup in key
-- order.

CREATE TYPE "alert_rollup_change" AS (
  "sign" integer,
  "orgId" uuid,
  "createdAt" timestamptz(3),
  "severity" text,
  "status" text,
  "acknowledgedAt" timestamptz(3),
  "resolvedAt" timestamptz(3),
  "lastSeenAt" timestamptz(3),
  "ruleId" text,
  "count" integer
);

CREATE FUNCTION "alert_rollups_write"(changes "alert_rollup_change"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM count(pg_advisory_xact_lock(hashtext(k))) FROM (
    SELECT DISTINCT 'securenet:alert-rollups:' || "orgId" AS k FROM unnest(changes) ORDER BY 1) AS s;

  -- Milliseconds (the columns are timestamptz(3)): exact integer sums, whatever is added and taken away.
  WITH c AS MATERIALIZED (SELECT * FROM unnest(changes)),
  created AS (
    INSERT INTO "AlertCreatedRollup" AS r ("orgId", "bucket", "severity", "alerts", "acknowledged", "ackMs", "resolved", "resolveMs")
    SELECT * FROM (
      SELECT c."orgId", "alert_rollup_bucket"(c."createdAt") AS "bucket", c."severity", sum(c."sign") AS "alerts",
        coalesce(sum(c."sign") FILTER (WHERE c."acknowledgedAt" IS NOT NULL), 0) AS "acknowledged",
        coalesce(sum(c."sign" * (extract(epoch FROM c."acknowledgedAt" - c."createdAt") * 1000)::bigint), 0) AS "ackMs",
        coalesce(sum(c."sign") FILTER (WHERE c."resolvedAt" IS NOT NULL), 0) AS "resolved",
        coalesce(sum(c."sign" * (extract(epoch FROM c."resolvedAt" - c."createdAt") * 1000)::bigint), 0) AS "resolveMs"
      FROM c GROUP BY 1, 2, 3) AS d
    WHERE (d."alerts", d."acknowledged", d."ackMs", d."resolved", d."resolveMs") <> (0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3
    ON CONFLICT ("orgId", "bucket", "severity") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts",
      "acknowledged" = r."acknowledged" + excluded."acknowledged", "ackMs" = r."ackMs" + excluded."ackMs",
      "resolved" = r."resolved" + excluded."resolved", "resolveMs" = r."resolveMs" + excluded."resolveMs"),
  rules AS (
    INSERT INTO "AlertRuleRollup" AS r ("orgId", "bucket", "ruleId", "alerts", "events")
    SELECT c."orgId", "alert_rollup_bucket"(c."lastSeenAt"), c."ruleId", sum(c."sign"), sum(c."sign" * c."count")
    FROM c GROUP BY 1, 2, 3
    HAVING sum(c."sign") <> 0 OR sum(c."sign" * c."count") <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ("orgId", "bucket", "ruleId") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts",
      "events" = r."events" + excluded."events")
  INSERT INTO "AlertOpenCount" AS r ("orgId", "severity", "alerts")
  SELECT c."orgId", c."severity", sum(c."sign") FROM c WHERE "alert_status_open"(c."status")
  GROUP BY 1, 2 HAVING sum(c."sign") <> 0
  ORDER BY 1, 2
  ON CONFLICT ("orgId", "severity") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts";
END
$$;

-- Transition tables can be named only in the branch of the operation that has them: each branch
-- is parsed and planned when it first runs.
CREATE OR REPLACE FUNCTION "alert_rollups_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "alert_rollups_write"(ARRAY(
      SELECT ROW(1, n."orgId", n."createdAt", n."severity", n."status", n."acknowledgedAt", n."resolvedAt", n."lastSeenAt",
        n."ruleId", n."count")::"alert_rollup_change" FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "alert_rollups_write"(ARRAY(
      SELECT ROW(-1, o."orgId", o."createdAt", o."severity", o."status", o."acknowledgedAt", o."resolvedAt", o."lastSeenAt",
        o."ruleId", o."count")::"alert_rollup_change" FROM old_rows o));
  ELSE
    -- Only the rows whose counted columns changed: both versions of any other row would cancel out.
    PERFORM "alert_rollups_write"(ARRAY(
      SELECT c FROM new_rows n JOIN old_rows o USING ("id"), LATERAL (
        SELECT ROW(1, n."orgId", n."createdAt", n."severity", n."status", n."acknowledgedAt", n."resolvedAt", n."lastSeenAt",
          n."ruleId", n."count")::"alert_rollup_change"
        UNION ALL
        SELECT ROW(-1, o."orgId", o."createdAt", o."severity", o."status", o."acknowledgedAt", o."resolvedAt", o."lastSeenAt",
          o."ruleId", o."count")::"alert_rollup_change") AS x(c)
      WHERE (n."orgId", n."createdAt", n."severity", n."status", n."acknowledgedAt", n."resolvedAt", n."lastSeenAt", n."ruleId", n."count")
        IS DISTINCT FROM (o."orgId", o."createdAt", o."severity", o."status", o."acknowledgedAt", o."resolvedAt", o."lastSeenAt", o."ruleId", o."count")));
  END IF;
  RETURN NULL;
END
$$;
