-- All events per minute (lib/pipeline/rollup-events.ts keeps it in the statement that stores each
-- batch), for the overview's series and rate: one row a minute instead of one per combination of
-- EventRollup's dimensions. Backfilled from EventRollup (which already holds every stored event,
-- and the minutes whose events retention has dropped), not from "Event".

-- CreateTable
CREATE TABLE "EventMinuteTotal" (
    "orgId" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventMinuteTotal_pkey" PRIMARY KEY ("orgId","minute")
);

-- Every batch updates its minute's row again: room for in-place (HOT) updates, as the other rollups.
ALTER TABLE "EventMinuteTotal" SET (fillfactor = 50);

INSERT INTO "EventMinuteTotal" ("orgId", "minute", "count")
SELECT "orgId", "minute", sum("count") FROM "EventRollup" GROUP BY 1, 2;
