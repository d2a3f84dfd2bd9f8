-- Alert rollups: the overview's alert numbers (open alerts by severity; alerts created per half
-- hour by severity with the times to acknowledge and resolve them; alerts and their events per
-- half hour of last activity by rule), kept exact by statement-level triggers on "Alert" (so every
-- writer, raise-alerts, triage, the ack-expiry job, incidents, tests, is counted the same way) and
-- backfilled below from the alerts already stored.

-- CreateTable
CREATE TABLE "AlertCreatedRollup" (
    "orgId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "severity" TEXT NOT NULL,
    "alerts" INTEGER NOT NULL,
    "acknowledged" INTEGER NOT NULL,
    "ackMs" BIGINT NOT NULL,
    "resolved" INTEGER NOT NULL,
    "resolveMs" BIGINT NOT NULL,

    CONSTRAINT "AlertCreatedRollup_pkey" PRIMARY KEY ("orgId","bucket","severity")
);

-- CreateTable
CREATE TABLE "AlertRuleRollup" (
    "orgId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "ruleId" TEXT NOT NULL,
    "alerts" INTEGER NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "AlertRuleRollup_pkey" PRIMARY KEY ("orgId","bucket","ruleId")
);

-- CreateTable
CREATE TABLE "AlertOpenCount" (
    "orgId" UUID NOT NULL,
    "severity" TEXT NOT NULL,
    "alerts" INTEGER NOT NULL,

    CONSTRAINT "AlertOpenCount_pkey" PRIMARY KEY ("orgId","severity")
);

-- The half hour holding a moment, from the Unix epoch (as the overview's axis): independent of the
-- session's time zone.
CREATE FUNCTION "alert_rollup_bucket"(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('30 minutes'::interval, at, '1970-01-01T00:00:00Z'::timestamptz)
$$;

-- Whether a status is open (lib/vocabulary.ts: every status but resolved and false_positive).
CREATE FUNCTION "alert_status_open"(status text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status NOT IN ('resolved', 'false_positive')
$$;

-- One function for INSERT, UPDATE and DELETE: `changes` is each new row counted +1 and each old
-- row -1 (an update is both), summed per rollup key; only keys whose sums are not all zero are
-- written, so an update that moves nothing counted (an assignee, an incident) writes nothing.
-- Locking: a transaction first takes its orgs' rollup lock (an advisory lock, in key order), then
-- upserts, each rollup in key order. The lock matters because a batch writes alerts in two
-- statements (its dedup UPDATE, then its INSERT): row locks taken in key order within each
-- statement could still cross between two batches' statements and deadlock; with the org lock
-- taken at the first one, no other transaction holds that org's rollup rows. It serializes
-- alert-writing transactions of one org from their first counted alert change to their commit
-- (they already contend on the same open-count and current-bucket rows, which every new alert
-- increments).
CREATE FUNCTION "alert_rollups_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text;
  locked int;
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := 'SELECT 1 AS sign, "orgId", "createdAt", "severity", "status", "acknowledgedAt", "resolvedAt", "lastSeenAt", "ruleId", "count" FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    changes := 'SELECT -1 AS sign, "orgId", "createdAt", "severity", "status", "acknowledgedAt", "resolvedAt", "lastSeenAt", "ruleId", "count" FROM old_rows';
  ELSE
    -- Only the rows whose counted columns changed: both versions of any other row cancel out.
    changes := 'SELECT c.* FROM new_rows n JOIN old_rows o USING ("id"), LATERAL (
        SELECT 1 AS sign, n."orgId", n."createdAt", n."severity", n."status", n."acknowledgedAt", n."resolvedAt", n."lastSeenAt", n."ruleId", n."count"
        UNION ALL
        SELECT -1, o."orgId", o."createdAt", o."severity", o."status", o."acknowledgedAt", o."resolvedAt", o."lastSeenAt", o."ruleId", o."count") AS c
      WHERE (n."orgId", n."createdAt", n."severity", n."status", n."acknowledgedAt", n."resolvedAt", n."lastSeenAt", n."ruleId", n."count")
        IS DISTINCT FROM (o."orgId", o."createdAt", o."severity", o."status", o."acknowledgedAt", o."resolvedAt", o."lastSeenAt", o."ruleId", o."count")';
  END IF;

  -- The orgs' rollup locks, in key order; none, and nothing to write, if no counted column changed.
  EXECUTE format($q$
    SELECT count(pg_advisory_xact_lock(hashtext(k)))::int FROM (
      SELECT DISTINCT 'securenet:alert-rollups:' || "orgId" AS k FROM (%s) AS changes ORDER BY 1) AS s$q$, changes)
    INTO locked;
  IF locked = 0 THEN
    RETURN NULL;
  END IF;

  -- One statement for the three rollups, so the changes are read once. Milliseconds (the columns
  -- are timestamptz(3)): exact integer sums, whatever is added and taken away.
  EXECUTE format($q$
    WITH changes AS MATERIALIZED (%s),
    created AS (
      INSERT INTO "AlertCreatedRollup" AS r ("orgId", "bucket", "severity", "alerts", "acknowledged", "ackMs", "resolved", "resolveMs")
      SELECT * FROM (
        SELECT "orgId", "alert_rollup_bucket"("createdAt") AS "bucket", "severity", sum(sign) AS "alerts",
          coalesce(sum(sign) FILTER (WHERE "acknowledgedAt" IS NOT NULL), 0) AS "acknowledged",
          coalesce(sum(sign * (extract(epoch FROM "acknowledgedAt" - "createdAt") * 1000)::bigint), 0) AS "ackMs",
          coalesce(sum(sign) FILTER (WHERE "resolvedAt" IS NOT NULL), 0) AS "resolved",
          coalesce(sum(sign * (extract(epoch FROM "resolvedAt" - "createdAt") * 1000)::bigint), 0) AS "resolveMs"
        FROM changes GROUP BY 1, 2, 3) AS d
      WHERE ("alerts", "acknowledged", "ackMs", "resolved", "resolveMs") <> (0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3
      ON CONFLICT ("orgId", "bucket", "severity") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts",
        "acknowledged" = r."acknowledged" + excluded."acknowledged", "ackMs" = r."ackMs" + excluded."ackMs",
        "resolved" = r."resolved" + excluded."resolved", "resolveMs" = r."resolveMs" + excluded."resolveMs"),
    rules AS (
      INSERT INTO "AlertRuleRollup" AS r ("orgId", "bucket", "ruleId", "alerts", "events")
      SELECT "orgId", "alert_rollup_bucket"("lastSeenAt"), "ruleId", sum(sign), sum(sign * "count")
      FROM changes GROUP BY 1, 2, 3
      HAVING sum(sign) <> 0 OR sum(sign * "count") <> 0
      ORDER BY 1, 2, 3
      ON CONFLICT ("orgId", "bucket", "ruleId") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts",
        "events" = r."events" + excluded."events")
    INSERT INTO "AlertOpenCount" AS r ("orgId", "severity", "alerts")
    SELECT "orgId", "severity", sum(sign) FROM changes WHERE "alert_status_open"("status")
    GROUP BY 1, 2 HAVING sum(sign) <> 0
    ORDER BY 1, 2
    ON CONFLICT ("orgId", "severity") DO UPDATE SET "alerts" = r."alerts" + excluded."alerts"$q$, changes);
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three triggers, one function.
CREATE TRIGGER "Alert_rollups_insert" AFTER INSERT ON "Alert" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "alert_rollups_apply"();
CREATE TRIGGER "Alert_rollups_update" AFTER UPDATE ON "Alert" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "alert_rollups_apply"();
CREATE TRIGGER "Alert_rollups_delete" AFTER DELETE ON "Alert" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "alert_rollups_apply"();

-- TRUNCATE names no rows: it empties the rollups with the table.
CREATE FUNCTION "alert_rollups_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AlertCreatedRollup";
  DELETE FROM "AlertRuleRollup";
  DELETE FROM "AlertOpenCount";
  RETURN NULL;
END
$$;
CREATE TRIGGER "Alert_rollups_truncate" AFTER TRUNCATE ON "Alert" FOR EACH STATEMENT EXECUTE FUNCTION "alert_rollups_truncate"();

-- Backfill from the alerts already stored.
INSERT INTO "AlertCreatedRollup" ("orgId", "bucket", "severity", "alerts", "acknowledged", "ackMs", "resolved", "resolveMs")
SELECT "orgId", "alert_rollup_bucket"("createdAt"), "severity", count(*), count("acknowledgedAt"),
  coalesce(sum((extract(epoch FROM "acknowledgedAt" - "createdAt") * 1000)::bigint), 0),
  count("resolvedAt"), coalesce(sum((extract(epoch FROM "resolvedAt" - "createdAt") * 1000)::bigint), 0)
FROM "Alert" GROUP BY 1, 2, 3;

INSERT INTO "AlertRuleRollup" ("orgId", "bucket", "ruleId", "alerts", "events")
SELECT "orgId", "alert_rollup_bucket"("lastSeenAt"), "ruleId", count(*), sum("count") FROM "Alert" GROUP BY 1, 2, 3;

INSERT INTO "AlertOpenCount" ("orgId", "severity", "alerts")
SELECT "orgId", "severity", count(*) FROM "Alert" WHERE "alert_status_open"("status") GROUP BY 1, 2;
