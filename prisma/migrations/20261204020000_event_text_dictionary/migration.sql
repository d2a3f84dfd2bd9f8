-- URLs and user agents are matched by free text once per distinct value, not once per event.
--
-- The trigrams of the free text (message, URL, user agent) were most of what storing an event cost:
-- a user agent is ~110 characters, ~80 trigrams, each an entry the GIN index writes per event
-- (2.3 KB of WAL an event, half the insert's time). But URLs and user agents repeat: a site has
-- thousands of pages and clients, not one per request. "EventText" holds each of an org's URLs
-- and user agents once, with the UTC day it was last seen, and the trigram index is on it; the
-- event keeps a plain GIN key, the md5 of each value. Free text finds the matching values in the
-- dictionary and then their events by key (lib/events/search-text.ts). The message (a raw log
-- line is unique per event) keeps its trigrams per event.
-- Values that never repeat cost what they cost before: a dictionary row and its trigrams each.
-- Retention removes values not seen since the first day it keeps (event-retention.ts): all their
-- events are gone.

-- CreateTable
CREATE TABLE "EventText" (
    "orgId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "hash" UUID NOT NULL,
    "value" TEXT NOT NULL,
    "lastSeenOn" DATE NOT NULL,

    CONSTRAINT "EventText_pkey" PRIMARY KEY ("orgId","field","hash")
);

-- CreateIndex
CREATE INDEX "EventText_value_trgm_idx" ON "EventText" USING GIN ("value" gin_trgm_ops);

-- A stored batch may move a value's day on: room on each page keeps that update in place.
ALTER TABLE "EventText" SET (fillfactor = 70);

-- Backfill from the stored events (the same fields, hash and day as lib/pipeline/text-dictionary.ts).
INSERT INTO "EventText" ("orgId", "field", "hash", "value", "lastSeenOn")
SELECT e."orgId", v.field, md5(v.value)::uuid, min(v.value), max((e."timestamp" AT TIME ZONE 'UTC')::date)
FROM "Event" e, LATERAL (VALUES ('url', e."urlOriginal"), ('userAgent', e."userAgent")) AS v(field, value)
WHERE v.value IS NOT NULL GROUP BY 1, 2, 3;

-- The events' search index: URL and user agent as their hashes (keys, not trigrams), the message's
-- trigrams. The expressions must stay exactly as lib/events/search-text.ts and
-- lib/pipeline/text-dictionary.ts write them (query.int.test.ts checks the plans).
DROP INDEX "Event_search_gin_idx";

CREATE INDEX "Event_search_gin_idx" ON "Event" USING GIN (
  "hostName",
  "module",
  "action",
  "outcome",
  "httpStatus",
  (md5("urlOriginal")::uuid),
  (md5("userAgent")::uuid),
  "message" gin_trgm_ops
);
