-- User agents are matched by free text once per distinct value, not once per event.
--
-- The trigrams of the free text (message, URL, user agent) were most of what storing an event cost:
-- a user agent is ~110 characters, ~80 trigrams, each an entry the GIN index writes per event
-- (2.3 KB of WAL an event, half the insert's time). But user agents repeat: a site sees thousands
-- of distinct clients, not millions, so "EventUserAgent" holds each of an org's user agents once,
-- with the day it was last seen, and the trigram index is on it. The event keeps a plain GIN key,
-- the md5 of its user agent: a free-text search finds the matching user agents in the dictionary
-- and then their events by that key (lib/events/search-text.ts). The message (a raw log line is
-- unique per event) and the URL (short) keep their trigrams per event.
-- A flood of distinct user agents costs what it cost before: one dictionary row (and its trigrams)
-- per new value. Retention removes user agents not seen since the first day it keeps
-- (event-retention.ts): all their events are gone.

-- CreateTable
CREATE TABLE "EventUserAgent" (
    "orgId" UUID NOT NULL,
    "hash" UUID NOT NULL,
    "userAgent" TEXT NOT NULL,
    "lastSeenOn" DATE NOT NULL,

    CONSTRAINT "EventUserAgent_pkey" PRIMARY KEY ("orgId","hash")
);

-- CreateIndex
CREATE INDEX "EventUserAgent_userAgent_trgm_idx" ON "EventUserAgent" USING GIN ("userAgent" gin_trgm_ops);

-- Each stored batch may move a user agent's day on: room on each page keeps that update in place.
ALTER TABLE "EventUserAgent" SET (fillfactor = 70);

-- Backfill from the stored events (the same hash and day as lib/pipeline/user-agents.ts).
INSERT INTO "EventUserAgent" ("orgId", "hash", "userAgent", "lastSeenOn")
SELECT "orgId", md5("userAgent")::uuid, min("userAgent"), max(("timestamp" AT TIME ZONE 'UTC')::date)
FROM "Event" WHERE "userAgent" IS NOT NULL GROUP BY 1, 2;

-- The events' search index: the user agent as its hash (a key, not trigrams). The expression must
-- stay exactly as lib/events/search-text.ts writes it (query.int.test.ts checks the plans).
DROP INDEX "Event_search_gin_idx";

CREATE INDEX "Event_search_gin_idx" ON "Event" USING GIN (
  "hostName",
  "module",
  "action",
  "outcome",
  "httpStatus",
  (md5("userAgent")::uuid),
  (coalesce("message", '') || E'\n' || coalesce("urlOriginal", '')) gin_trgm_ops
);
