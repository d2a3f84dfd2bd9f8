-- Coarser event rollups, kept by lib/pipeline/rollup-events.ts in the statement that stores each
-- batch: all events per minute, for the overview's series and rate (one row a minute instead of one
-- per combination of EventRollup's dimensions), and EventRollup by half hour, for filtered
-- histograms over long ranges. Backfilled from EventRollup (which already holds every stored
-- event, and the minutes whose events retention has dropped), not from "Event".

-- CreateTable
CREATE TABLE "EventMinuteTotal" (
    "orgId" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventMinuteTotal_pkey" PRIMARY KEY ("orgId","minute")
);

-- CreateTable
CREATE TABLE "EventHalfHourRollup" (
    "orgId" UUID NOT NULL,
    "halfHour" TIMESTAMPTZ(3) NOT NULL,
    "module" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "statusClass" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventHalfHourRollup_pkey" PRIMARY KEY ("orgId","halfHour","module","action","outcome","statusClass")
);

-- Every batch updates its minute's row again: room for in-place (HOT) updates, as the other rollups.
ALTER TABLE "EventMinuteTotal" SET (fillfactor = 50);
ALTER TABLE "EventHalfHourRollup" SET (fillfactor = 50);

INSERT INTO "EventMinuteTotal" ("orgId", "minute", "count")
SELECT "orgId", "minute", sum("count") FROM "EventRollup" GROUP BY 1, 2;

INSERT INTO "EventHalfHourRollup" ("orgId", "halfHour", "module", "action", "outcome", "statusClass", "count")
SELECT "orgId", date_bin('30 minutes', "minute", TIMESTAMPTZ '1970-01-01 00:00:00+00'), "module", "action", "outcome",
  "statusClass", sum("count")
FROM "EventRollup" GROUP BY 1, 2, 3, 4, 5, 6;
