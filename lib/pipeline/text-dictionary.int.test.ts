// The URL and user agent dictionary on both backends: kept by the store statement (each value
// once, its last day only ever moving forward, late and replayed events included), equal to a
// rebuild from the stored events, pruned by retention with the events, and built for events stored
// before it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrations.ts";
import { rawQuery } from "@/lib/db/raw.ts";
import { seed } from "@/lib/db/seed.ts";
import { backends, createTestDatabase, migrateBefore, type TestDatabase } from "@/lib/db/testing.ts";
import { listEvents } from "@/lib/events/query.ts";
import { matchingTexts, MAX_HASHES_PER_FIELD } from "@/lib/events/search-text.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { DAY_MS, startOfDay } from "./event-partitions.ts";
import { applyEventRetention, ensureAllEventPartitions } from "./event-retention.ts";
import { storeEvents } from "./store-events.ts";
import { rebuildTextDictionary, type DictionaryField } from "./text-dictionary.ts";
import { prepareEvents } from "./validate-events.ts";

const NOW = new Date("2026-12-04T10:30:00Z");
const dayAgo = (days: number, hour = 12) => new Date(startOfDay(NOW).getTime() - days * DAY_MS + hour * 3_600_000);
const request = (id: string, at: Date, agent: string | undefined, path = `/r/${id[0]}`) => ({
  "@timestamp": at.toISOString(),
  event: { id, module: "nginx" },
  url: { original: path },
  ...(agent && { user_agent: { original: agent } }),
});

describe.each(backends)("the text dictionary on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  const store = (events: object[]) =>
    storeEvents(
      db.prisma,
      orgId,
      prepareEvents(
        events.map((value) => ({ value })),
        NOW,
      ),
      { apiKeyId: null },
      NOW,
    );
  const dictionary = async (field: DictionaryField) =>
    (
      await rawQuery<{ value: string; lastSeenOn: string }>(
        db.prisma,
        `SELECT "value", "lastSeenOn"::text AS "lastSeenOn" FROM "EventText"
         WHERE "orgId" = $1::uuid AND "field" = $2 ORDER BY 1`,
        [orgId, field],
      )
    ).map((r) => `${r.value} @ ${r.lastSeenOn}`);
  const day = (days: number) => dayAgo(days).toISOString().slice(0, 10);

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    ({ orgId } = await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" }));
    await ensureAllEventPartitions(db.prisma, NOW);
  });
  afterAll(async () => db.close());

  it("holds each user agent once with the last day it was seen, late and replayed events included", async () => {
    await store([
      request("a1", dayAgo(3), "curl/8.5.0"),
      request("a2", dayAgo(1), "curl/8.5.0"),
      request("a3", dayAgo(1), "Mozilla/5.0 Firefox/133.0"),
      request("a4", dayAgo(2), undefined),
    ]);
    // Late (older than the day held), then newer, then a replay of an event from the newest day.
    await store([request("b1", dayAgo(5), "curl/8.5.0"), request("b2", dayAgo(6), "nikto/2.5.0")]);
    await store([request("c1", dayAgo(0), "Mozilla/5.0 Firefox/133.0")]);
    expect((await store([request("c1", dayAgo(0), "Mozilla/5.0 Firefox/133.0")])).duplicates).toBe(1);
    expect(await dictionary("userAgent")).toEqual([
      `Mozilla/5.0 Firefox/133.0 @ ${day(0)}`,
      `curl/8.5.0 @ ${day(1)}`,
      `nikto/2.5.0 @ ${day(6)}`,
    ]);
    // One path per batch letter: /r/a seen on days 3, 1, 1 and 2.
    expect(await dictionary("url")).toEqual([`/r/a @ ${day(1)}`, `/r/b @ ${day(5)}`, `/r/c @ ${day(0)}`]);
    // What the statement kept is what the stored events give.
    const kept = [await dictionary("userAgent"), await dictionary("url")];
    await rebuildTextDictionary((sql, params) => rawQuery(db.prisma, sql, params), orgId);
    expect([await dictionary("userAgent"), await dictionary("url")]).toEqual(kept);
  });

  it("goes with the events retention drops, and free text still finds the events it keeps", async () => {
    await db.prisma.org.update({ where: { id: orgId }, data: { eventRetentionDays: 4 } });
    await applyEventRetention(db.prisma, orgId, NOW);
    // nikto was last seen 6 days ago: all its events are gone, and so is it.
    expect(await dictionary("userAgent")).toEqual([`Mozilla/5.0 Firefox/133.0 @ ${day(0)}`, `curl/8.5.0 @ ${day(1)}`]);
    expect(await dictionary("url")).toEqual([`/r/a @ ${day(1)}`, `/r/c @ ${day(0)}`]);
    expect((await listEvents(db.prisma, orgId, { q: "/R/A", since: dayAgo(10), limit: 50 }, NOW)).items).toHaveLength(
      4,
    );
    const found = await listEvents(db.prisma, orgId, { q: "CURL/8", since: dayAgo(10), limit: 50 }, NOW);
    expect(found.items.map((e) => e.id).sort()).toEqual(["a1", "a2"]);
    // Bounded by the range: the user agent was seen in it, only some of its events were.
    const recent = await listEvents(db.prisma, orgId, { q: "curl", since: dayAgo(2, 0), limit: 50 }, NOW);
    expect(recent.items.map((e) => e.id)).toEqual(["a2"]);
    expect((await listEvents(db.prisma, orgId, { q: "nikto", since: dayAgo(10), limit: 50 }, NOW)).items).toEqual([]);
  });

  it("treats a text matching more values than it looks up as a filter, and still finds them all", async () => {
    const many = Array.from({ length: MAX_HASHES_PER_FIELD + 5 }, (_, n) =>
      request(`m${n}`, new Date(dayAgo(0, 1).getTime() + n), "curl/8.5.0", `/many/${n}`),
    );
    await store(many);
    const pattern = "%/many/%";
    expect((await matchingTexts(db.prisma, orgId, pattern, dayAgo(1, 0))).url).toBe("many");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(db.prisma, orgId, { q: "/MANY/", since: dayAgo(1, 0), limit: 200, cursor }, NOW);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(many.map((e) => e.event.id).sort());
  });

  it("stores a batch whose user agents were made to share an md5, and free text finds each", async () => {
    // A published pair of printable strings with one md5 (they differ in one letter, A and E):
    // one dictionary row, and each event found by the text of its own value.
    const pair = ["A", "E"].map((c) => `TEXTCOLLBYfGiJUETHQ4h${c}cKSMd5zYpgqf1YRDhkmxHkhPWptrkoyz28wnI9V0aHeAuaKnak`);
    const stored = await store([
      request("m1", dayAgo(0, 9), pair[0]!, "/md5"),
      request("m2", dayAgo(0, 9), pair[1]!, "/md5"),
      request("m3", dayAgo(0, 9), `${pair[1]} again`, "/md5"),
    ]);
    expect(stored.accepted).toBe(3);
    expect((await dictionary("userAgent")).filter((v) => v.startsWith("TEXTCOLL"))).toHaveLength(2);
    const search = async (q: string) =>
      (await listEvents(db.prisma, orgId, { q, since: dayAgo(1), limit: 50 }, NOW)).items.map((e) => e.id).sort();
    expect(await search("TEXTCOLL")).toEqual(["m1", "m2", "m3"]);
    expect(await search("4hAcKS")).toEqual(["m1"]);
  });
});

describe.each(backends)("the text dictionary migration on %s", (backend) => {
  it("fills the dictionary from the events stored before it, so free text finds them", async () => {
    useTestEnv();
    const db = await createTestDatabase(backend, { migrate: false });
    const conn = await db.openSqlConnection();
    try {
      await migrateBefore(conn, "20261204020000");
      const orgId = randomUUID();
      await conn.query(`INSERT INTO "Org" ("id", "slug", "name") VALUES ($1::uuid, 'old', 'Old')`, [orgId]);
      await ensureAllEventPartitions(db.prisma, NOW);
      await storeAsBefore(db, orgId, [
        request("old-1", dayAgo(2), "sqlmap/1.8.11#stable"),
        request("old-2", dayAgo(1), "curl/8.5.0"),
      ]);
      await applyMigrations(conn, readMigrations());
      const rows = await conn.query<{ field: string; value: string; lastSeenOn: string }>(
        `SELECT "field", "value", "lastSeenOn"::text AS "lastSeenOn" FROM "EventText" ORDER BY 1, 2`,
      );
      const on = (days: number) => dayAgo(days).toISOString().slice(0, 10);
      expect(rows).toEqual([
        { field: "url", value: "/r/o", lastSeenOn: on(1) },
        { field: "userAgent", value: "curl/8.5.0", lastSeenOn: on(1) },
        { field: "userAgent", value: "sqlmap/1.8.11#stable", lastSeenOn: on(2) },
      ]);
      const found = await listEvents(db.prisma, orgId, { q: "SQLMAP", since: dayAgo(5), limit: 10 }, NOW);
      expect(found.items.map((e) => e.id)).toEqual(["old-1"]);
    } finally {
      await conn.close();
      await db.close();
    }
  });
});

/** Events as the version before the dictionary stored them (past the store statement). */
async function storeAsBefore(db: TestDatabase, orgId: string, events: object[]) {
  const batch = prepareEvents(
    events.map((value) => ({ value })),
    NOW,
  );
  const rows = JSON.parse(batch.rows) as Record<string, unknown>[];
  await rawQuery(
    db.prisma,
    `INSERT INTO "Event" ("orgId", "eventId", "timestamp", "receivedAt", "category", "module", "urlOriginal", "userAgent", "doc")
     SELECT $1::uuid, r."eventId", r."timestamp", now(), r."category", r."module", r."urlOriginal", r."userAgent", r.doc
     FROM jsonb_to_recordset($2::jsonb) AS r("eventId" text, "timestamp" timestamptz, "category" text[], "module" text,
       "urlOriginal" text, "userAgent" text, "doc" jsonb)`,
    [orgId, JSON.stringify(rows)],
  );
}
