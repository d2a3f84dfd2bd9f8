-- Events are partitioned, by org (LIST) and then by day (RANGE on "timestamp"), so that retention
-- drops whole partitions per org and time-bounded queries prune to the days they read. The app
-- creates each org's partitions ahead (lib/pipeline/event-partitions.ts); a DEFAULT partition at
-- each level catches what arrives before its partition exists, and the app moves it out.
-- A partitioned table's unique keys must contain its partition keys: idempotency on event.id is the
-- primary key ("orgId", "timestamp", "eventId") (a retry carries the same @timestamp), and the
-- surrogate uuid "id" (16 bytes a row and an index of its own) is gone.

ALTER TABLE "Event" RENAME TO "Event_unpartitioned";
ALTER TABLE "Event_unpartitioned" RENAME CONSTRAINT "Event_pkey" TO "Event_unpartitioned_pkey";
DROP INDEX "Event_orgId_timestamp_idx";
DROP INDEX "Event_orgId_sourceIp_timestamp_idx";
DROP INDEX "Event_orgId_userName_timestamp_idx";
DROP INDEX "Event_orgId_eventId_key";

-- CreateTable
CREATE TABLE "Event" (
    "orgId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT,
    "category" TEXT[],
    "action" TEXT,
    "outcome" TEXT,
    "module" TEXT,
    "dataset" TEXT,
    "sourceIp" TEXT,
    "sourcePort" INTEGER,
    "destinationIp" TEXT,
    "destinationPort" INTEGER,
    "userName" TEXT,
    "hostName" TEXT,
    "urlOriginal" TEXT,
    "httpMethod" TEXT,
    "httpStatus" INTEGER,
    "userAgent" TEXT,
    "message" TEXT,
    "doc" JSONB NOT NULL,
    "apiKeyId" UUID,
    "scoringIncomplete" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("orgId", "timestamp", "eventId")
) PARTITION BY LIST ("orgId");

CREATE TABLE "Event_default" PARTITION OF "Event" DEFAULT;

-- Every query names its org, so it reads one org's partitions: "orgId" leading an index there would
-- repeat one value in every entry (16 bytes each). Only the primary key must hold it (a partitioned
-- table's unique keys hold its partition keys). (A hash index on "eventId" was measured: larger and
-- slower to insert into than the btree.)
-- CreateIndex
CREATE INDEX "Event_eventId_idx" ON "Event"("eventId");

-- CreateIndex
CREATE INDEX "Event_sourceIp_timestamp_idx" ON "Event"("sourceIp", "timestamp");

-- CreateIndex
CREATE INDEX "Event_userName_timestamp_idx" ON "Event"("userName", "timestamp");

-- Existing events move into the DEFAULT partition; the app's first partition pass moves them on
-- into their org's day partitions. Of two old rows with one event.id, the first stored is kept.
INSERT INTO "Event" ("orgId", "eventId", "timestamp", "receivedAt", "kind", "category", "action", "outcome", "module",
  "dataset", "sourceIp", "sourcePort", "destinationIp", "destinationPort", "userName", "hostName", "urlOriginal",
  "httpMethod", "httpStatus", "userAgent", "message", "doc", "apiKeyId", "scoringIncomplete")
SELECT "orgId", "eventId", "timestamp", "receivedAt", "kind", "category", "action", "outcome", "module",
  "dataset", "sourceIp", "sourcePort", "destinationIp", "destinationPort", "userName", "hostName", "urlOriginal",
  "httpMethod", "httpStatus", "userAgent", "message", "doc", "apiKeyId", "scoringIncomplete"
FROM "Event_unpartitioned"
ON CONFLICT DO NOTHING;

DROP TABLE "Event_unpartitioned";

-- AlterTable
ALTER TABLE "Org" ADD COLUMN     "eventRetentionDays" INTEGER NOT NULL DEFAULT 30;
