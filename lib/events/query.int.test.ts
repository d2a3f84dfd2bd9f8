// Event search on both backends: free text as a case-insensitive substring over message, URL and
// user agent (by its dictionary), bounded to the last 24 h unless a range is given (and refused past 31 days), cursor
// pages that stay complete while events arrive, and plans that use the text and field indexes.
import { describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import { rawQuery, rawTransaction } from "@/lib/db/raw.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { backends } from "@/lib/db/testing.ts";
import { storeEvents } from "@/lib/pipeline/store-events.ts";
import { prepareEvents } from "@/lib/pipeline/validate-events.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { likePattern } from "@/lib/db/like-pattern.ts";
import { eventSearchSql, listEvents, type EventFilters } from "./query.ts";
import { matchingTexts, NO_TEXT_MATCHES } from "./search-text.ts";

const HOUR = 3_600_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

type Doc = Record<string, unknown>;
async function store(db: PrismaClient, orgId: string, docs: Doc[]) {
  for (let i = 0; i < docs.length; i += 5_000) {
    const batch = prepareEvents(
      docs.slice(i, i + 5_000).map((value) => ({ value })),
      now,
    );
    expect(batch.rejected).toEqual([]);
    await storeEvents(db, orgId, batch, { apiKeyId: null }, now);
  }
}

const web = (id: string, at: string, url: string, agent: string, extra: Doc = {}): Doc => ({
  "@timestamp": at,
  event: { id, module: "nginx", action: "http_request", outcome: "success" },
  source: { ip: "192.0.2.10" },
  url: { original: url },
  user_agent: { original: agent },
  http: { request: { method: "GET" }, response: { status_code: 200 } },
  ...extra,
});

describe.each(backends)("event search on %s", (backend) => {
  const org = apiTestOrg(backend);
  const search = (f: Partial<EventFilters>) => listEvents(org.db.prisma, org.orgId, { limit: 50, ...f }, now);
  const ids = async (f: Partial<EventFilters>) => (await search(f)).items.map((e) => e.id).sort();

  it("finds free text as a case-insensitive substring of the message, the URL or the user agent", async () => {
    await store(org.db.prisma, org.orgId, [
      web("t-path", ago(HOUR), "/blog/WP-Login.php?redirect=1", "Mozilla/5.0 Firefox/133.0"),
      web("t-agent", ago(HOUR), "/index.html", "sqlmap/1.8.11#stable (https://sqlmap.org)"),
      {
        "@timestamp": ago(2 * HOUR),
        event: { id: "t-msg", module: "sshd", outcome: "failure" },
        message: "Failed password for invalid user Oracle from 203.0.113.77 port 52113 ssh2",
      },
      web("t-percent", ago(HOUR), "/search?q=100%25_off", "curl/8.5.0"),
    ]);
    expect(await ids({ q: "wp-login" })).toEqual(["t-path"]);
    expect(await ids({ q: "SQLMAP/1.8" })).toEqual(["t-agent"]);
    expect(await ids({ q: "oracle from 203.0.113." })).toEqual(["t-msg"]);
    expect(await ids({ q: "113.7" })).toEqual(["t-msg"]);
    // % and _ are the analyst's characters, not wildcards.
    expect(await ids({ q: "%25_" })).toEqual(["t-percent"]);
    expect(await ids({ q: "100%_" })).toEqual([]);
    expect(await ids({ q: "no such text anywhere" })).toEqual([]);
  });

  it("bounds free text to the last 24 h unless a range is given, and says what it searched", async () => {
    await store(org.db.prisma, org.orgId, [
      web("r-recent", ago(3 * HOUR), "/reports/quarterly-r7", "curl/8.5.0"),
      web("r-old", ago(30 * HOUR), "/reports/quarterly-r7", "curl/8.5.0"),
      web("r-older", ago(20 * 24 * HOUR), "/reports/quarterly-r7", "curl/8.5.0"),
    ]);
    const defaulted = await search({ q: "quarterly-r7" });
    expect(defaulted.items.map((e) => e.id)).toEqual(["r-recent"]);
    expect(defaulted.range).toEqual({ since: ago(24 * HOUR), until: null, defaulted: true });

    const twoDays = await search({ q: "quarterly-r7", since: new Date(ago(48 * HOUR)) });
    expect(twoDays.items.map((e) => e.id)).toEqual(["r-recent", "r-old"]);
    expect(twoDays.range.defaulted).toBe(false);
    // until alone: the 24 h before it.
    expect(await ids({ q: "quarterly-r7", until: new Date(ago(10 * HOUR)) })).toEqual(["r-old"]);
    expect(await ids({ q: "quarterly-r7", since: new Date(ago(30 * 24 * HOUR)) })).toEqual([
      "r-old",
      "r-older",
      "r-recent",
    ]);
    // Field filters alone keep searching everything stored.
    const byPath = await search({ sourceIp: "192.0.2.10", since: undefined });
    expect(byPath.items.map((e) => e.id)).toContain("r-older");
    expect(byPath.range).toEqual({ since: null, until: null, defaulted: false });
  });

  it("refuses a free-text range wider than 31 days naming since, and a text under 3 characters", async () => {
    const wide = await org.call(
      eventsRoute.GET,
      "GET",
      `/api/v1/events?q=login&since=${encodeURIComponent(ago(32 * 24 * HOUR))}`,
    );
    expect(wide.status).toBe(422);
    expect(wide.body.errors).toEqual([{ path: "since", message: expect.stringContaining("31 days") }]);
    const inverted = await org.call(
      eventsRoute.GET,
      "GET",
      `/api/v1/events?since=${encodeURIComponent(ago(HOUR))}&until=${encodeURIComponent(ago(2 * HOUR))}`,
    );
    expect(inverted.status).toBe(422);
    const short = await org.call(eventsRoute.GET, "GET", "/api/v1/events?q=ab");
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: "q", message: "at least 3 characters" }]);
    expect(inverted.body.errors[0].path).toBe("since");
    const ok = await org.call(
      eventsRoute.GET,
      "GET",
      `/api/v1/events?q=login&since=${encodeURIComponent(ago(30 * 24 * HOUR))}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.range.since).toBe(ago(30 * 24 * HOUR));
  });

  it("pages by (timestamp, event id) completely and without repeats while events keep arriving", async () => {
    // 60 events over 20 distinct milliseconds: pages end inside runs of equal timestamps.
    const base = now.getTime() - 5 * HOUR;
    const docs = Array.from({ length: 60 }, (_, i) =>
      web(`p-${String(i).padStart(2, "0")}`, new Date(base + Math.floor(i / 3)).toISOString(), `/paged/${i}`, "pager"),
    );
    await store(org.db.prisma, org.orgId, docs);
    const seen: { id: string; timestamp: string }[] = [];
    let cursor: string | undefined;
    let arrivals = 0;
    do {
      const page = await search({ user: undefined, q: "/paged/", limit: 7, cursor });
      seen.push(...page.items);
      // Newer events, and late ones older than the cursor, arrive between pages.
      await store(org.db.prisma, org.orgId, [
        web(`p-new-${arrivals}`, new Date(base + 10_000 + arrivals).toISOString(), `/paged/new`, "pager"),
        web(`p-late-${arrivals}`, new Date(base - 1_000 - arrivals).toISOString(), `/paged/late`, "pager"),
      ]);
      arrivals++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const seenIds = seen.map((e) => e.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds.filter((id) => /^p-\d\d$/.test(id)).sort()).toEqual(docs.map((d) => (d.event as Doc).id).sort());
    expect(seenIds.some((id) => id.startsWith("p-new-"))).toBe(false);
    const keys = seen.map((e) => `${e.timestamp}|${e.id}`);
    expect(keys).toEqual(keys.toSorted().reverse());
  });

  it("plans the free-text search on the trigram index and every field filter on an index", async () => {
    // Enough rows that a rare value is worth an index; each filter below matches a handful.
    const docs = Array.from({ length: 12_000 }, (_, i) => ({
      "@timestamp": new Date(now.getTime() - 20 * HOUR + i * 1_000).toISOString(),
      event: {
        id: `bulk-${i}`,
        module: i % 1000 ? "nginx" : "rare-module",
        action: i % 1000 ? "http_request" : "rare-action",
        outcome: i % 1000 ? "success" : "unknown",
      },
      source: { ip: `10.1.${i % 200}.${i % 250}` },
      user: { name: `user-${i % 300}` },
      host: { name: `web-${i % 400}` },
      url: { original: `/api/items/${i}` },
      user_agent: { original: i % 1000 ? "Mozilla/5.0 Chrome/131.0" : `sqlmap/1.8.${i}` },
      http: { request: { method: "GET" }, response: { status_code: i % 1000 ? 200 : 418 } },
      message: `GET /api/items/${i} 200 token-${i.toString(36)}x`,
    }));
    await store(org.db.prisma, org.orgId, docs);
    // As autovacuum would: GIN's pending list merged into the index, statistics gathered.
    await rawQuery(org.db.prisma, `VACUUM ANALYZE "Event"`, []);
    const plan = async (f: Partial<EventFilters>) => {
      const texts = f.q
        ? await matchingTexts(org.db.prisma, org.orgId, likePattern(f.q), new Date(ago(24 * HOUR)))
        : NO_TEXT_MATCHES;
      const { sql, params } = eventSearchSql(org.orgId, { limit: 50, ...f }, now, texts);
      const rows = await rawTransaction(org.db.prisma, (query) =>
        query<Record<string, string>>(`EXPLAIN ${sql}`, params),
      );
      return rows.map((r) => Object.values(r)[0]).join("\n");
    };
    // The events sit in day partitions, whose indexes are the partitions of the table's indexes.
    const scans = async (how: string, parent: string) => {
      const names = await rawQuery<{ name: string }>(
        org.db.prisma,
        `SELECT relid::regclass::text AS name FROM pg_partition_tree($1::regclass) WHERE isleaf`,
        [`"${parent}"`],
      );
      const alternatives = names.map((n) => n.name.replace(/^"|"$/g, "").replace(/\W/g, "\\$&")).join("|");
      return new RegExp(`${how} (?:on|using) "?(?:${alternatives})"? `);
    };
    const searchScan = await scans("Bitmap Index Scan", "Event_search_gin_idx");
    expect(await plan({ q: "token-abc" })).toMatch(searchScan);
    // A rare user agent: its events by hash on the same index; a common one, newest first with a filter.
    expect(await plan({ q: "sqlmap/1.8" })).toMatch(searchScan);
    expect(await plan({ q: "sqlmap/1.8" })).toContain("md5");
    // So do a few URLs: /api/items/1199 and /api/items/11990 to 11999.
    expect(await plan({ q: "/api/items/1199" })).toMatch(searchScan);
    expect(await plan({ q: "Chrome/131" })).toMatch(await scans("Index Scan Backward", "Event_pkey"));
    expect(await plan({ sourceIp: "10.1.7.7" })).toMatch(
      await scans("Index Scan(?: Backward)?", "Event_sourceIp_timestamp_idx"),
    );
    expect(await plan({ user: "user-17" })).toMatch(
      await scans("Index Scan(?: Backward)?", "Event_userName_timestamp_idx"),
    );
    for (const f of [
      { host: "web-17" },
      { module: "rare-module" },
      { action: "rare-action" },
      { outcome: "unknown" },
      { status: 418 },
    ])
      expect(await plan(f), JSON.stringify(f)).toMatch(searchScan);
    // A filter most rows match, a small page: newest first along the primary key (org, timestamp, id).
    expect(await plan({ module: "nginx", limit: 20 })).toMatch(await scans("Index Scan Backward", "Event_pkey"));
  });
});
