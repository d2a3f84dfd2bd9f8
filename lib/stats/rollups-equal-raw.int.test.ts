// Must show 4 of issue 21: the overview, the entity page and the events histogram, which read the
// rollups, equal raw COUNT(*) over "Event", on generated events stored through the real storeEvents
// path: varied modules (some outside the rollup vocabulary), outcomes, statuses, sources, users and
// categories; batches out of order, some hours late; replays and repeated ids; events in the future
// and on bucket edges; one batch refused and stored one by one. Then concurrent batches racing on
// the same rollup rows (PostgreSQL: several connections), and the migrations' backfills (the minute
// totals from EventRollup).
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { backends, createTestDatabase, migrateBefore } from "@/lib/db/testing.ts";
import { applyMigrations, readMigrations } from "@/lib/db/migrations.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { entityProfile } from "@/lib/entities/profile.ts";
import { eventHistogram } from "@/lib/events/histogram.ts";
import { storeEvents } from "@/lib/pipeline/store-events.ts";
import { prepareEvents } from "@/lib/pipeline/validate-events.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { histogramQuery } from "@/lib/validation/event-histogram.ts";
import { deleteRollupsBefore, HOUR_MS, MINUTE_MS } from "./event-rollups.ts";
import { overview, WINDOWS, type StatsWindow } from "./overview.ts";
import { ROLLUP_ACTIONS, ROLLUP_CATEGORIES, ROLLUP_MODULES } from "./rollup-vocabulary.ts";

// Not on a minute edge: the windows' first and last buckets are partial.
const NOW = new Date("2026-12-03T12:34:56.789Z");
const IPS = Array.from({ length: 12 }, (_, i) => `198.51.100.${i + 1}`);
const USERS = ["alice", "bob", "carol", "deploy", "root", "svc-backup"];
const HOSTS = ["web-1", "web-2", "bastion"];
const MODULES = ["nginx", "sshd", "securenet", "zeek", "made-up-module", undefined];
const ACTIONS = ["http_request", "auth.failure", "ssh_login_failed", "invented.action", undefined];
const OUTCOMES = ["success", "failure", "unknown", undefined];
const STATUSES = [200, 204, 301, 404, 403, 500, 503, undefined];
const CATEGORIES = [
  ["web"],
  ["authentication", "iam"],
  [],
  ["web", "network", "made-up", "also-made-up"],
  ["web", "web"],
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function generate(n: number, seed: number, idPrefix: string) {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  // Edges: exactly on a minute, a 30-minute and a 4-hour boundary, at `since` of the 1h window, at
  // now, just past now in the same minute, an hour in the future, and more than 7 days back.
  const edges = [
    Math.floor(NOW.getTime() / MINUTE_MS) * MINUTE_MS,
    Math.floor(NOW.getTime() / 1_800_000) * 1_800_000,
    Math.floor(NOW.getTime() / 14_400_000) * 14_400_000 - 1,
    NOW.getTime() - WINDOWS["1h"].ms,
    NOW.getTime() - WINDOWS["24h"].ms - 1,
    NOW.getTime(),
    NOW.getTime() + 2_000,
    NOW.getTime() + HOUR_MS,
    NOW.getTime() - 8 * 86_400_000,
  ];
  return Array.from({ length: n }, (_, i) => {
    const at = i % 17 === 0 ? pick(edges) : NOW.getTime() - Math.floor(next() ** 2 * 7.5 * 86_400_000);
    const moduleName = pick(MODULES);
    const action = pick(ACTIONS);
    const outcome = pick(OUTCOMES);
    const status = pick(STATUSES);
    const event: Record<string, unknown> = {
      "@timestamp": new Date(at).toISOString(),
      event: {
        id: `${idPrefix}-${i}`,
        ...(moduleName ? { module: moduleName } : {}),
        ...(action ? { action } : {}),
        ...(outcome ? { outcome } : {}),
        category: pick(CATEGORIES),
      },
      message: `generated ${i}`,
    };
    if (next() < 0.85) event.source = { ip: pick(IPS) };
    if (next() < 0.6) event.user = { name: pick(USERS) };
    if (next() < 0.5) event.host = { name: pick(HOSTS) };
    if (status) event.http = { response: { status_code: status } };
    return event;
  });
}

const store = (db: PrismaClient, orgId: string, items: unknown[]) =>
  storeEvents(db, orgId, prepareEvents(items.map((value) => ({ value }))), { apiKeyId: null }, NOW);

/** Raw events per bucket over [start, end), by date_bin on the epoch, with an SQL condition. */
async function rawCounts(
  db: PrismaClient,
  orgId: string,
  bucketMs: number,
  start: number,
  end: number,
  where = "TRUE",
) {
  const rows = await db.$queryRawUnsafe<{ bucket: Date; n: bigint }[]>(
    `SELECT date_bin('${bucketMs / 1000} seconds', "timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket, count(*) AS n
     FROM "Event" WHERE "orgId" = $1::uuid AND "timestamp" >= $2 AND "timestamp" < $3 AND (${where}) GROUP BY 1`,
    orgId,
    new Date(start),
    new Date(end),
  );
  return new Map(rows.map((r) => [new Date(r.bucket).getTime(), Number(r.n)]));
}

const floorTo = (at: number, ms: number) => Math.floor(at / ms) * ms;
/** The end of the minute holding `at`: the rollups count it whole. */
const minuteEnd = (at: number) => floorTo(at, MINUTE_MS) + MINUTE_MS;
const asSeries = (axis: { at: string }[], raw: Map<number, number>) =>
  axis.map(({ at }) => ({ at, count: raw.get(new Date(at).getTime()) ?? 0 }));

describe.each(backends)("rollups equal raw counting on %s", (backend) => {
  useTestEnv();
  const org = seededTestOrg(backend);

  it("stores generated traffic: late, out of order, replayed, in the future and refused once", async () => {
    const { prisma } = org.db;
    const events = generate(3_000, 7, "g");
    // Batches out of order: the last ones (recent and hours old alike) first.
    const batches = Array.from({ length: 6 }, (_, b) => events.slice(b * 500, (b + 1) * 500)).reverse();
    let accepted = 0;
    for (const batch of batches) accepted += (await store(prisma, org.orgId, batch)).accepted;
    // A replay of a whole batch and a batch repeating ids within itself and of stored events.
    expect((await store(prisma, org.orgId, batches[2]!)).accepted).toBe(0);
    const repeats = [
      ...events.slice(0, 50),
      ...events.slice(0, 50),
      ...generate(50, 11, "r"),
      ...generate(50, 11, "r"),
    ];
    accepted += (await store(prisma, org.orgId, repeats)).accepted;
    // Refused by the database: stored one by one, without the bad event.
    const items = generate(40, 13, "poison").map((value) => ({ value }));
    items[5] = { value: { ...items[5]!.value, message: "SLIPPED-PAST" } };
    const batch = prepareEvents(items);
    const poisoned = { ...batch, rows: batch.rows.replace("SLIPPED-PAST", "slipped\\u0000past") };
    const refused = await storeEvents(prisma, org.orgId, poisoned, { apiKeyId: null }, NOW);
    expect(refused).toMatchObject({ accepted: 39, rejected: [{ index: 5 }] });
    accepted += refused.accepted;
    expect(accepted).toBe(3_000 + 50 + 39);
    expect(await prisma.event.count({ where: { orgId: org.orgId } })).toBe(accepted);
    const { events: rollups } = await rollupsAgainstRaw(prisma, org.orgId);
    expect(rollups[0]).toEqual(rollups[1]);
    const [kept, raw] = await levelsAgainstRaw(prisma, org.orgId);
    expect(kept).toEqual(raw);
    expect(kept!.totals.length).toBeGreaterThan(1_000);
    expect(kept!.halfHours.length).toBeGreaterThan(1_000);
  });

  it.each(Object.keys(WINDOWS) as StatsWindow[])("the overview's %s window", async (window) => {
    const { prisma } = org.db;
    const { bucketMs, ms } = WINDOWS[window];
    const body = await overview(prisma, org.orgId, window, NOW);
    const start = floorTo(NOW.getTime() - ms, bucketMs);
    const raw = await rawCounts(prisma, org.orgId, bucketMs, start, minuteEnd(NOW.getTime()));
    expect(body.events[0]!.at).toBe(new Date(start).toISOString());
    expect(body.events).toEqual(asSeries(body.events, raw));
    expect(body.events.reduce((n, b) => n + b.count, 0)).toBeGreaterThan(0);

    const hourStart = floorTo(NOW.getTime() - HOUR_MS, MINUTE_MS);
    const failed = await rawCounts(
      prisma,
      org.orgId,
      86_400_000,
      hourStart,
      minuteEnd(NOW.getTime()),
      `"module" = 'securenet' AND "action" = 'auth.failure'`,
    );
    expect(body.failedSignInsLastHour).toBe([...failed.values()].reduce((a, b) => a + b, 0));
    const lastMinute = floorTo(NOW.getTime(), MINUTE_MS) - MINUTE_MS;
    const perMinute = await rawCounts(prisma, org.orgId, MINUTE_MS, lastMinute, lastMinute + MINUTE_MS);
    expect(body.eventsPerMinute).toBe(perMinute.get(lastMinute) ?? 0);
  });

  it("the entity page's events per hour, for sources, users and hosts", async () => {
    const { prisma } = org.db;
    const start = floorTo(NOW.getTime() - 7 * 86_400_000, HOUR_MS);
    const end = floorTo(NOW.getTime(), HOUR_MS) + HOUR_MS;
    const entities = [
      ...IPS.slice(0, 4).map((value) => ({ type: "ip" as const, value, column: "sourceIp" })),
      ...USERS.slice(0, 3).map((value) => ({ type: "user" as const, value, column: "userName" })),
      ...HOSTS.map((value) => ({ type: "host" as const, value, column: "hostName" })),
    ];
    for (const { column, ...entity } of entities) {
      const profile = await entityProfile(prisma, org.orgId, entity, NOW);
      const where = `"${column}" = '${entity.value}'`;
      const raw = await rawCounts(prisma, org.orgId, HOUR_MS, start, end, where);
      const failures = await rawCounts(prisma, org.orgId, HOUR_MS, start, end, `${where} AND "outcome" = 'failure'`);
      const points = profile.eventSeries.points;
      expect(points[0]!.at).toBe(new Date(start).toISOString());
      expect(points).toEqual(
        points.map(({ at }) => ({
          at,
          count: raw.get(new Date(at).getTime()) ?? 0,
          failures: failures.get(new Date(at).getTime()) ?? 0,
        })),
      );
      expect(profile.eventCounts.total).toBeGreaterThan(0);
      const lastDay = [...raw].filter(([at]) => at >= end - 24 * HOUR_MS).reduce((n, [, c]) => n + c, 0);
      expect(profile.eventCounts.last24h).toBe(lastDay);
    }
  });

  const histograms: [string, Record<string, string>, string][] = [
    ["the default (last 24 h)", {}, "TRUE"],
    [
      "per minute over two hours",
      { since: "2026-12-03T10:30:00.000Z", until: NOW.toISOString(), bucket: "1m" },
      "TRUE",
    ],
    ["per day over nine days", { since: "2026-11-24T05:00:00+02:00", until: NOW.toISOString(), bucket: "1d" }, "TRUE"],
    ["a range ending in the future", { since: "2026-12-03T00:00:00Z", until: "2026-12-03T14:00:00Z" }, "TRUE"],
    ["module nginx", { since: "2026-11-26T00:00:00Z", module: "nginx" }, `"module" = 'nginx'`],
    ["outcome failure", { since: "2026-11-26T00:00:00Z", outcome: "failure" }, `"outcome" = 'failure'`],
    ["4xx", { since: "2026-11-26T00:00:00Z", statusClass: "4" }, `"httpStatus" / 100 = 4`],
    [
      "sshd failures by action",
      { since: "2026-11-26T00:00:00Z", module: "sshd", action: "ssh_login_failed", outcome: "failure" },
      `"module" = 'sshd' AND "action" = 'ssh_login_failed' AND "outcome" = 'failure'`,
    ],
    [
      "module sshd per half hour, ending in the future",
      { since: "2026-12-02T07:10:00Z", until: "2026-12-03T14:00:00Z", bucket: "30m", module: "sshd" },
      `"module" = 'sshd'`,
    ],
    [
      "5xx per day, from the middle of a day",
      { since: "2026-11-25T17:45:00Z", bucket: "1d", statusClass: "5" },
      `"httpStatus" / 100 = 5`,
    ],
    [
      "failures per 15 minutes (the minutes)",
      { since: "2026-12-02T23:50:00Z", bucket: "15m", outcome: "failure" },
      `"outcome" = 'failure'`,
    ],
    ["category web (once per event)", { since: "2026-11-26T00:00:00Z", category: "web" }, `'web' = ANY ("category")`],
  ];

  it.each(histograms)("the events histogram: %s", async (_, params, where) => {
    const { prisma } = org.db;
    const query = histogramQuery.parse(params);
    const body = await eventHistogram(prisma, org.orgId, query, NOW);
    const bucketMs = body.bucketSeconds * 1000;
    const start = floorTo(new Date(body.since).getTime(), bucketMs);
    const raw = await rawCounts(prisma, org.orgId, bucketMs, start, minuteEnd(new Date(body.until).getTime()), where);
    expect(body.buckets[0]!.at).toBe(new Date(start).toISOString());
    expect(body.buckets).toEqual(asSeries(body.buckets, raw));
    expect(body.total).toBeGreaterThan(0);
  });

  it("the vocabulary functions keep the listed values and roll others up as 'other'", async () => {
    const { prisma } = org.db;
    const lists = [
      ["rollup_module", ROLLUP_MODULES],
      ["rollup_action", ROLLUP_ACTIONS],
      ["rollup_category", ROLLUP_CATEGORIES],
    ] as const;
    for (const [fn, values] of lists) {
      const [row] = await prisma.$queryRawUnsafe<{ kept: string[]; other: string; none: string }[]>(
        `SELECT array_agg(${fn}(v) ORDER BY v) AS kept, ${fn}('not-in-the-list') AS other, ${fn}(NULL) AS none
         FROM unnest($1::text[]) AS v`,
        [...values],
      );
      expect(row).toEqual({ kept: [...values].sort(), other: "other", none: "" });
    }
    // The hostile sender's invented values became one "other" row per minute, not one per value.
    const modules = await prisma.eventRollup.findMany({ where: { orgId: org.orgId }, distinct: ["module"] });
    expect(modules.map((r) => r.module).sort()).toEqual(["", "nginx", "other", "securenet", "sshd", "zeek"]);
  });

  it("keeps counting from the rollups once the events are gone, until rollup retention deletes them", async () => {
    const { prisma } = org.db;
    const before = await overview(prisma, org.orgId, "7d", NOW);
    await prisma.event.deleteMany({ where: { orgId: org.orgId } });
    const after = await overview(prisma, org.orgId, "7d", NOW);
    expect(after.events).toEqual(before.events);
    const cut = new Date(NOW.getTime() - 2 * 86_400_000 + 123);
    const deleted = await deleteRollupsBefore(prisma, org.orgId, cut);
    expect(deleted.eventRows).toBeGreaterThan(0);
    expect(deleted.totalRows).toBeGreaterThan(0);
    expect(deleted.halfHourRows).toBeGreaterThan(0);
    const firstTotal = await prisma.eventMinuteTotal.findFirst({
      where: { orgId: org.orgId },
      orderBy: { minute: "asc" },
    });
    expect(firstTotal!.minute.getTime()).toBeGreaterThanOrEqual(floorTo(cut.getTime(), MINUTE_MS));
    const trimmed = await overview(prisma, org.orgId, "7d", NOW);
    const firstKept = floorTo(cut.getTime(), MINUTE_MS);
    for (const [i, bucket] of trimmed.events.entries()) {
      const end = new Date(bucket.at).getTime() + WINDOWS["7d"].bucketMs;
      if (end <= firstKept) expect(bucket.count).toBe(0);
      else if (new Date(bucket.at).getTime() >= firstKept) expect(bucket.count).toBe(before.events[i]!.count);
    }
  });
});

const json = (select: string) => `SELECT json_agg(x ORDER BY x) AS rows FROM (${select}) x`;
const LEVELS = {
  totals: json(`SELECT "minute", "count" FROM "EventMinuteTotal" WHERE "orgId" = $1::uuid`),
  halfHours: json(`SELECT "halfHour", "module", "action", "outcome", "statusClass", "count"
    FROM "EventHalfHourRollup" WHERE "orgId" = $1::uuid`),
};
const RAW_LEVELS = {
  totals: json(`SELECT date_bin('1 minute', "timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS "minute",
    count(*)::int AS "count" FROM "Event" WHERE "orgId" = $1::uuid GROUP BY 1`),
  halfHours: json(`SELECT date_bin('30 minutes', "timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS "halfHour",
    rollup_module("module") AS "module", rollup_action("action") AS "action", rollup_outcome("outcome") AS "outcome",
    rollup_status_class("httpStatus") AS "statusClass", count(*)::int AS "count" FROM "Event" WHERE "orgId" = $1::uuid GROUP BY 1, 2, 3, 4, 5`),
};
const rowsOf = async (db: PrismaClient, sql: string, orgId: string) =>
  (await db.$queryRawUnsafe<{ rows: unknown[] | null }[]>(sql, orgId))[0]!.rows ?? [];
const levels = async (db: PrismaClient, orgId: string, sql: typeof LEVELS) => ({
  totals: await rowsOf(db, sql.totals, orgId),
  halfHours: await rowsOf(db, sql.halfHours, orgId),
});

/** The coarser levels (minute totals, half hours) next to raw counts of their keys: equal when nothing was lost or counted twice. */
const levelsAgainstRaw = async (db: PrismaClient, orgId: string) => [
  await levels(db, orgId, LEVELS),
  await levels(db, orgId, RAW_LEVELS),
];

/** The rollups' totals next to raw counts of the same keys: equal when nothing was lost or counted twice. */
async function rollupsAgainstRaw(db: PrismaClient, orgId: string) {
  const one = async (sql: string) => (await db.$queryRawUnsafe<{ rows: unknown }[]>(sql, orgId))[0]!.rows;
  return {
    events: [
      await one(`SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT "minute", "module", "action", "outcome", "statusClass", "count"
        FROM "EventRollup" WHERE "orgId" = $1::uuid) x`),
      await one(`SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT date_bin('1 minute', "timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS "minute",
        rollup_module("module") AS "module", rollup_action("action") AS "action", rollup_outcome("outcome") AS "outcome",
        rollup_status_class("httpStatus") AS "statusClass", count(*)::int AS "count" FROM "Event" WHERE "orgId" = $1::uuid GROUP BY 1, 2, 3, 4, 5) x`),
    ],
    categories: [
      await one(
        `SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT "minute", "category", "count" FROM "EventCategoryRollup" WHERE "orgId" = $1::uuid) x`,
      ),
      await one(`SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT date_bin('1 minute', e."timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS "minute",
        c.category, count(*)::int AS "count" FROM "Event" e, LATERAL (SELECT DISTINCT rollup_category(v) AS category FROM unnest(e."category") v) c
        WHERE e."orgId" = $1::uuid GROUP BY 1, 2) x`),
    ],
    entities: [
      await one(`SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT "entityType", "entityValue", "hour", "count", "failures"
        FROM "EntityEventRollup" WHERE "orgId" = $1::uuid) x`),
      await one(`SELECT json_agg(x ORDER BY x) AS rows FROM (SELECT t.type AS "entityType", t.value AS "entityValue",
        date_bin('1 hour', e."timestamp", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS "hour", count(*)::int AS "count",
        (count(*) FILTER (WHERE e."outcome" = 'failure'))::int AS "failures"
        FROM "Event" e, LATERAL (VALUES ('ip', e."sourceIp"), ('user', e."userName"), ('host', e."hostName")) t(type, value)
        WHERE e."orgId" = $1::uuid AND t.value IS NOT NULL GROUP BY 1, 2, 3) x`),
    ],
  };
}

describe.runIf(backends.includes("postgres"))("rollups under concurrent batches on PostgreSQL", () => {
  const org = seededTestOrg("postgres");

  it("parallel batches on the same rollup rows, replays racing originals: no deadlock, counts exact", async () => {
    const { prisma } = org.db;
    for (let round = 0; round < 3; round++) {
      // Ten batches of 400 within two minutes from a few sources and users: every batch upserts the
      // same rollup rows; each batch repeats half of the previous one's ids, racing its insert.
      const events = generate(2_400, 100 + round, `c${round}`).map((e, i) => ({
        ...e,
        "@timestamp": new Date(NOW.getTime() - (i % 120) * 1_000).toISOString(),
      }));
      const batches = Array.from({ length: 10 }, (_, b) => events.slice(b * 200, b * 200 + 400));
      const results = await Promise.all(batches.map((batch) => store(prisma, org.orgId, batch)));
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(2_200);
    }
    const { events, categories, entities } = await rollupsAgainstRaw(prisma, org.orgId);
    const [kept, raw] = await levelsAgainstRaw(prisma, org.orgId);
    expect(events[0]).toEqual(events[1]);
    expect(kept).toEqual(raw);
    expect(categories[0]).toEqual(categories[1]);
    expect(entities[0]).toEqual(entities[1]);
    expect((events[0] as unknown[]).length).toBeGreaterThan(10);
    expect(kept!.totals.length).toBeGreaterThan(1);
  });
});

describe.each(backends)("the rollups migration on %s", (backend) => {
  it("backfills the rollups from the events stored before the upgrade", async () => {
    const db = await createTestDatabase(backend, { migrate: false });
    const conn = await db.openSqlConnection();
    try {
      await migrateBefore(conn, "20261203183000");
      const orgId = randomUUID();
      // Rows as an older version stored them, whatever columns "Event" has at that point.
      const rows = generate(600, 21, "old").map((e) => {
        const event = e.event as Record<string, unknown>;
        return {
          id: randomUUID(),
          orgId,
          eventId: event.id,
          timestamp: e["@timestamp"],
          receivedAt: NOW.toISOString(),
          category: event.category,
          module: event.module ?? null,
          action: event.action ?? null,
          outcome: event.outcome ?? null,
          sourceIp: (e.source as { ip?: string } | undefined)?.ip ?? null,
          userName: (e.user as { name?: string } | undefined)?.name ?? null,
          hostName: (e.host as { name?: string } | undefined)?.name ?? null,
          httpStatus: (e.http as { response: { status_code: number } } | undefined)?.response.status_code ?? null,
          doc: e,
        };
      });
      await conn.query(`INSERT INTO "Event" SELECT * FROM json_populate_recordset(NULL::"Event", $1::json)`, [
        JSON.stringify(rows),
      ]);
      await migrateBefore(conn, "20261203185000");
      const { events, categories, entities } = await rollupsAgainstRaw(db.prisma, orgId);
      const before = await levels(db.prisma, orgId, RAW_LEVELS);
      expect(events[0]).toEqual(events[1]);
      expect(categories[0]).toEqual(categories[1]);
      expect(entities[0]).toEqual(entities[1]);
      expect((events[0] as unknown[]).length).toBeGreaterThan(100);
      // The coarser levels come from EventRollup, not "Event": also the minutes whose events are gone.
      await conn.query(`DELETE FROM "Event" WHERE "orgId" = $1::uuid AND "timestamp" < $2`, [
        orgId,
        new Date(NOW.getTime() - 86_400_000).toISOString(),
      ]);
      await applyMigrations(conn, readMigrations());
      const [kept, raw] = await levelsAgainstRaw(db.prisma, orgId);
      expect(kept).toEqual(before);
      expect(kept!.totals.length).toBeGreaterThan(raw!.totals.length);
      expect(kept!.halfHours.length).toBeGreaterThan(raw!.halfHours.length);
    } finally {
      await conn.close();
      await db.close();
    }
  });
});
