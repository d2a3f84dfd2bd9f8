import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { alertDetail } from "@/lib/alerts/query.ts";
import { DAY_MS, DAYS_AHEAD, dayPartitionName, dayPartitions, startOfDay } from "./event-partitions.ts";
import { applyEventRetention, ensureAllEventPartitions, eventStorage, setEventRetention } from "./event-retention.ts";
import { prepareEvents } from "./validate-events.ts";
import { storeEvents } from "./store-events.ts";

const NOW = new Date("2026-12-03T10:30:00Z");
const dayAgo = (days: number, hour = 12) => new Date(startOfDay(NOW).getTime() - days * DAY_MS + hour * 3_600_000);

describe.each(backends)("event partitions and retention on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  const store = (events: object[], now = NOW) =>
    storeEvents(
      db.prisma,
      orgId,
      prepareEvents(
        events.map((value) => ({ value })),
        now,
      ),
      { apiKeyId: null },
      now,
    );
  const countIn = async (table: string) =>
    Number((await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ONLY "${table}"`))[0]!.n);

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    ({ orgId } = await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" }));
  });
  afterAll(async () => db.close());

  it("stores events before their partitions exist, then moves them into day partitions", async () => {
    // The org has no partitions yet: everything lands in the DEFAULT partition.
    const events = [40, 31, 30, 29, 2, 1, 0].flatMap((days) =>
      [0, 1, 2].map((i) => ({ "@timestamp": dayAgo(days, 6 + i).toISOString(), event: { id: `d${days}-${i}` } })),
    );
    expect((await store(events)).accepted).toBe(21);
    expect(await countIn("Event_default")).toBe(21);

    await setEventRetention(db.prisma, 30, { orgId, actor: SYSTEM_ACTOR });
    const made = await ensureAllEventPartitions(db.prisma, NOW);
    const days = (await dayPartitions(db.prisma, orgId)).map((p) => p.day.toISOString().slice(0, 10));
    // The 30 days kept, today and the days ahead; the 40-days-old day stays in the org's DEFAULT.
    expect(days[0]).toBe(new Date(startOfDay(NOW).getTime() - 30 * DAY_MS).toISOString().slice(0, 10));
    expect(days.at(-1)).toBe(new Date(startOfDay(NOW).getTime() + DAYS_AHEAD * DAY_MS).toISOString().slice(0, 10));
    expect(days).toHaveLength(30 + 1 + DAYS_AHEAD);
    expect(made).toContain(dayPartitionName(orgId, startOfDay(NOW)));
    expect(await countIn("Event_default")).toBe(0);
    expect(await countIn(dayPartitionName(orgId, startOfDay(dayAgo(29))))).toBe(3);
    expect(await db.prisma.event.count({ where: { orgId } })).toBe(21);
    // A second pass makes nothing.
    expect(await ensureAllEventPartitions(db.prisma, NOW)).toEqual([]);
  });

  it("keeps idempotency on event.id across the move and for events sent without @timestamp", async () => {
    const replay = await store([{ "@timestamp": dayAgo(29, 6).toISOString(), event: { id: "d29-0" } }]);
    expect(replay).toMatchObject({ accepted: 0, duplicates: 1 });
    // Without @timestamp the event gets the time it arrived; its replay, later, is still a duplicate.
    expect((await store([{ event: { id: "untimed-1" }, message: "first" }], NOW)).accepted).toBe(1);
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(await store([{ event: { id: "untimed-1" }, message: "first" }], later)).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    // Two events with one id in a batch: the first is stored, whatever their times.
    const twice = await store([
      { "@timestamp": dayAgo(1, 3).toISOString(), event: { id: "twin" }, message: "first" },
      { "@timestamp": dayAgo(1, 4).toISOString(), event: { id: "twin" }, message: "second" },
    ]);
    expect(twice).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await db.prisma.event.findMany({ where: { orgId, eventId: "twin" }, select: { message: true } })).toEqual([
      { message: "first" },
    ]);
  });

  it("drops whole day partitions older than the org's retention, audited, and keeps newer events", async () => {
    await setEventRetention(db.prisma, 30, { orgId, actor: SYSTEM_ACTOR });
    const before = await db.prisma.event.count({ where: { orgId } });
    const oldest = startOfDay(dayAgo(30));
    // An alert citing events of the day that goes, and one of a day that stays.
    const alertOf = (id: string, eventIds: string[]) =>
      db.prisma.alert.create({
        data: {
          id,
          orgId,
          groupKey: id,
          ruleId: "sn-test",
          title: "test",
          category: "other",
          severity: "low",
          score: 10,
          entityType: "ip",
          entityValue: "192.0.2.1",
          techniques: [],
          count: eventIds.length,
          firstSeenAt: dayAgo(30),
          lastSeenAt: dayAgo(29),
          breakdown: {},
          eventIds,
        },
      });
    await alertOf("00000000-0000-4000-8000-000000000001", ["d30-0", "d29-0"]);
    const rollupTotal = async () =>
      Number((await db.prisma.eventRollup.aggregate({ where: { orgId }, _sum: { count: true } }))._sum.count ?? 0);
    const rolledUpBefore = await rollupTotal();
    const storage = await eventStorage(db.prisma, orgId, NOW);
    expect(storage.retentionDays).toBe(30);
    expect(storage.next.removesBefore).toBe(new Date(oldest.getTime() + DAY_MS).toISOString().slice(0, 10));

    // Tomorrow, the day now 30 days old is past retention (31 days old), and the 31-day-old one too.
    const tomorrow = new Date(NOW.getTime() + DAY_MS);
    const result = await applyEventRetention(db.prisma, orgId, tomorrow);
    expect(result.days.map((d) => d.day.toISOString())).toEqual([oldest.toISOString()]);
    // The day partition held 3; the org's DEFAULT partition the 31- and 40-day-old ones.
    expect(result.days[0]!.events).toBe(3);
    expect(result.strays).toBe(6);
    expect(await db.prisma.event.count({ where: { orgId } })).toBe(before - 9);
    expect(
      await db.prisma.event.count({ where: { orgId, timestamp: { lt: new Date(oldest.getTime() + DAY_MS) } } }),
    ).toBe(0);
    // The rollups outlive the events (the charts of dropped days read them): unchanged, and for the
    // days kept they still equal counting the events.
    expect(await rollupTotal()).toBe(rolledUpBefore);
    const keptFrom = new Date(oldest.getTime() + DAY_MS);
    const keptRolledUp = await db.prisma.eventRollup.aggregate({
      where: { orgId, minute: { gte: keptFrom } },
      _sum: { count: true },
    });
    expect(keptRolledUp._sum.count).toBe(
      await db.prisma.event.count({ where: { orgId, timestamp: { gte: keptFrom } } }),
    );
    // Alerts keep their own retention: the alert stays, and shows the events still stored.
    const alert = await alertDetail(db.prisma, orgId, "00000000-0000-4000-8000-000000000001");
    expect(alert.events.map((e) => e.id)).toEqual(["d29-0"]);
    // Newer days keep every event.
    expect(await db.prisma.event.count({ where: { orgId, eventId: { startsWith: "d29-" } } })).toBe(3);
    expect(await db.prisma.event.count({ where: { orgId, eventId: { startsWith: "d0-" } } })).toBe(3);

    const entry = await db.prisma.auditEntry.findFirst({ where: { orgId, action: "events.retention_applied" } });
    expect(entry).toMatchObject({ actorType: "system", targetType: "events" });
    expect(entry!.detail).toMatchObject({
      retentionDays: 30,
      events: 9,
      days: [{ day: oldest.toISOString().slice(0, 10), events: 3 }],
      outsidePartitions: 6,
    });
    // Nothing more to drop: no second entry.
    expect((await applyEventRetention(db.prisma, orgId, tomorrow)).events).toBe(0);
    expect(await db.prisma.auditEntry.count({ where: { orgId, action: "events.retention_applied" } })).toBe(1);
  });

  it("audits a retention change and refuses one out of range, naming the field", async () => {
    await setEventRetention(db.prisma, 7, { orgId, actor: SYSTEM_ACTOR });
    const entry = await db.prisma.auditEntry.findFirst({
      where: { orgId, action: "settings.updated", targetId: "retention" },
      orderBy: { seq: "desc" },
    });
    expect(entry!.detail).toMatchObject({ changes: { eventRetentionDays: { old: 30, new: 7 } } });
    await expect(setEventRetention(db.prisma, 0, { orgId, actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      errors: [{ path: "eventRetentionDays" }],
    });
  });
});
