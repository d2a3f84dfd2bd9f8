// The alert rollups (kept by triggers on "Alert") equal counting the alerts themselves, after what
// happens to alerts in the field: raised, seen again in a later half hour and escalated, acknowledged,
// resolved, reopened, assigned, edited or deleted by hand, truncated; and, on PostgreSQL, written by
// concurrent ingest batches and triage at once (which must neither deadlock nor lose a count).
import { describe, expect, it } from "vitest";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { backends } from "@/lib/db/testing.ts";
import { rawTransaction } from "@/lib/db/raw.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { raiseAlerts } from "@/lib/pipeline/raise-alerts.ts";
import { triageAlert } from "@/lib/alerts/triage.ts";
import type { AlertCandidate } from "@/lib/detection/candidates.ts";

const MINUTE = 60_000;
const by = { actor: { type: "user" as const, id: null, label: "analyst@example.test" }, permissions: ["alerts:write"] };

/** The three rollups and the same numbers counted from "Alert", as sorted JSON rows (zero rows left out). */
async function rollupsAndRaw(db: PrismaClient, orgId: string) {
  const q = (sql: string) =>
    db.$queryRawUnsafe<Record<string, unknown>[]>(sql, orgId).then((rows) => JSON.stringify(rows));
  const bucket = (column: string) => `date_bin('30 minutes', "${column}", 'epoch'::timestamptz)`;
  const ms = (column: string) => `(extract(epoch FROM "${column}" - "createdAt") * 1000)::bigint`;
  return {
    created:
      await q(`SELECT "bucket", "severity", "alerts", "acknowledged", "ackMs"::text, "resolved", "resolveMs"::text
      FROM "AlertCreatedRollup" WHERE "orgId" = $1::uuid AND ("alerts", "acknowledged", "ackMs", "resolved", "resolveMs") <> (0, 0, 0, 0, 0) ORDER BY 1, 2`),
    createdRaw: await q(`SELECT ${bucket("createdAt")} AS "bucket", "severity", count(*)::int AS "alerts",
        count("acknowledgedAt")::int AS "acknowledged", coalesce(sum(${ms("acknowledgedAt")}), 0)::text AS "ackMs",
        count("resolvedAt")::int AS "resolved", coalesce(sum(${ms("resolvedAt")}), 0)::text AS "resolveMs"
      FROM "Alert" WHERE "orgId" = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2`),
    rules: await q(`SELECT "bucket", "ruleId", "alerts", "events"::text FROM "AlertRuleRollup"
      WHERE "orgId" = $1::uuid AND ("alerts", "events") <> (0, 0) ORDER BY 1, 2`),
    rulesRaw:
      await q(`SELECT ${bucket("lastSeenAt")} AS "bucket", "ruleId", count(*)::int AS "alerts", sum("count")::text AS "events"
      FROM "Alert" WHERE "orgId" = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2`),
    open: await q(
      `SELECT "severity", "alerts" FROM "AlertOpenCount" WHERE "orgId" = $1::uuid AND "alerts" <> 0 ORDER BY 1`,
    ),
    openRaw: await q(`SELECT "severity", count(*)::int AS "alerts" FROM "Alert"
      WHERE "orgId" = $1::uuid AND "status" NOT IN ('resolved', 'false_positive') GROUP BY 1 ORDER BY 1`),
  };
}

async function expectRollupsEqualRaw(db: PrismaClient, orgId: string) {
  const r = await rollupsAndRaw(db, orgId);
  expect(r.createdRaw).not.toBe("[]");
  expect(r.created).toBe(r.createdRaw);
  expect(r.rules).toBe(r.rulesRaw);
  expect(r.open).toBe(r.openRaw);
}

const candidate = (key: string, rule: string, at: number, events: number): AlertCandidate => ({
  groupKey: `event:${rule}:ip:${key}`,
  ruleId: rule,
  title: `Rule ${rule}`,
  category: "web",
  entity: { type: "ip", value: key },
  entities: [{ type: "ip", value: key }],
  techniques: ["T1190"],
  events: Array.from({ length: events }, (_, i) => ({
    eventId: `${key}-${at}-${i}`,
    timestamp: new Date(at + i * 1000),
  })),
  rules: [{ id: rule, title: `Rule ${rule}`, category: "web", points: 5, hits: events }],
  baseScore: 30,
  growth: "count",
  scoring: "test",
});

describe.each(backends)("the alert rollups on %s", (backend) => {
  const org = seededTestOrg(backend);

  it("equal counting the alerts through raising, dedup, escalation, triage, edits and deletes", async () => {
    const { db, orgId } = org;
    const prisma = db.prisma;
    const raise = (candidates: AlertCandidate[]) =>
      rawTransaction(prisma, (query) => raiseAlerts(query, orgId, candidates));
    const t0 = Date.now() - 150 * MINUTE;

    const created = await raise([
      candidate("198.51.100.1", "sn-a", t0, 1),
      candidate("198.51.100.2", "sn-a", t0 + MINUTE, 2),
      candidate("198.51.100.3", "sn-b", t0 + 2 * MINUTE, 1),
    ]);
    expect(created.every((a) => a.created)).toBe(true);
    await expectRollupsEqualRaw(prisma, orgId);

    // Seen again 40 minutes later (its lastSeenAt leaves its half hour) with enough events to escalate.
    const [seenAgain] = await raise([candidate("198.51.100.1", "sn-a", t0 + 40 * MINUTE, 30)]);
    expect(seenAgain).toMatchObject({ id: created[0]!.id, created: false });
    expect(seenAgain!.severity).not.toBe(created[0]!.severity);
    // One batch updating one alert and creating another (the two statements a batch runs).
    await raise([candidate("198.51.100.2", "sn-a", t0 + 70 * MINUTE, 3), candidate("198.51.100.4", "sn-c", t0, 1)]);
    await expectRollupsEqualRaw(prisma, orgId);

    const id = created[1]!.id;
    await triageAlert(prisma, orgId, id, { status: "acknowledged", reason: "looking" }, by);
    await expectRollupsEqualRaw(prisma, orgId);
    await triageAlert(prisma, orgId, id, { status: "resolved", disposition: "true_positive", reason: "blocked" }, by);
    await triageAlert(prisma, orgId, created[2]!.id, { status: "false_positive", reason: "scanner we run" }, by);
    await expectRollupsEqualRaw(prisma, orgId);
    await triageAlert(prisma, orgId, id, { status: "new", reason: "it came back" }, by);
    await triageAlert(prisma, orgId, created[2]!.id, { assignee: "root@example.test" }, by);
    await expectRollupsEqualRaw(prisma, orgId);

    // By hand: times moved back across half hours, a rule renamed, acknowledged long after, deleted.
    await prisma.$executeRaw`UPDATE "Alert" SET "createdAt" = "createdAt" - interval '95 minutes',
      "acknowledgedAt" = "createdAt" + interval '7 minutes 0.123 seconds' WHERE "orgId" = ${orgId}::uuid AND "id" = ${created[0]!.id}::uuid`;
    await prisma.$executeRaw`UPDATE "Alert" SET "ruleId" = 'sn-renamed', "lastSeenAt" = "lastSeenAt" - interval '1 day'
      WHERE "orgId" = ${orgId}::uuid AND "ruleId" = 'sn-a'`;
    await expectRollupsEqualRaw(prisma, orgId);
    await prisma.alert.delete({ where: { id: created[1]!.id } });
    await expectRollupsEqualRaw(prisma, orgId);
    expect(await prisma.alertOpenCount.findMany({ where: { orgId } })).not.toEqual([]);
  });

  it.runIf(backend === "postgres")(
    "stay exact with concurrent ingest batches and triage, and none of them deadlocks",
    async () => {
      const { db, orgId } = org;
      const prisma = db.prisma;
      const t0 = Date.now() - 6 * 60 * MINUTE;
      const ips = Array.from({ length: 24 }, (_, i) => `203.0.113.${i + 1}`);
      // Each worker raises batches over overlapping groups (so batches both update others' alerts
      // and create their own), each batch's events 25 minutes after its previous one.
      const worker = async (w: number) => {
        for (let round = 0; round < 6; round++) {
          const at = t0 + (round * 25 + w) * MINUTE;
          const picked = ips.filter((_, i) => (i + w + round) % 3 !== 0);
          await rawTransaction(prisma, (query) =>
            raiseAlerts(
              query,
              orgId,
              picked.map((ip, i) => candidate(ip, `sn-rule-${(i + round) % 5}`, at, 1 + ((i + w) % 4))),
            ),
          );
        }
      };
      await Promise.all([0, 1, 2, 3].map(worker));
      const alerts = await prisma.alert.findMany({ where: { orgId, ruleId: { startsWith: "sn-rule-" } }, take: 12 });
      expect(alerts.length).toBe(12);
      await Promise.all([
        worker(4),
        worker(5),
        ...alerts.map((a, i) =>
          triageAlert(
            prisma,
            orgId,
            a.id,
            i % 2 ? { status: "resolved", disposition: "true_positive", reason: "done" } : { status: "in_progress" },
            by,
          ),
        ),
      ]);
      await expectRollupsEqualRaw(prisma, orgId);
    },
    60_000,
  );

  // Two batches, each updating one rule's alert then creating an alert of the other's rule: row
  // locks taken in key order within each statement would cross between their statements; the
  // org's rollup lock, taken at the first statement, makes the second batch wait instead.
  it.runIf(backend === "postgres")(
    "make a batch wait rather than deadlock when two batches' statements cross",
    async () => {
      const { db, orgId } = org;
      const prisma = db.prisma;
      const at = Date.now() - 20 * MINUTE;
      const [x, y] = await rawTransaction(prisma, (query) =>
        raiseAlerts(query, orgId, [
          candidate("192.0.2.1", "sn-cross-x", at, 1),
          candidate("192.0.2.2", "sn-cross-y", at, 1),
        ]),
      );
      const touch = (tx: Prisma.TransactionClient, id: string) =>
        tx.$executeRaw`UPDATE "Alert" SET "lastSeenAt" = now(), "count" = "count" + 1 WHERE "id" = ${id}::uuid`;
      const copy = (tx: Prisma.TransactionClient, id: string) =>
        tx.$executeRaw`INSERT INTO "Alert" ("id", "orgId", "groupKey", "ruleId", "title", "category", "severity", "score",
            "entityType", "entityValue", "techniques", "count", "firstSeenAt", "lastSeenAt", "breakdown", "eventIds", "updatedAt")
          SELECT gen_random_uuid(), "orgId", "groupKey" || ':again', "ruleId", "title", "category", "severity", "score",
            "entityType", "entityValue", "techniques", 1, now(), now(), "breakdown", "eventIds", now()
          FROM "Alert" WHERE "id" = ${id}::uuid`;
      let firstUpdated!: () => void;
      const updated = new Promise<void>((resolve) => (firstUpdated = resolve));
      let secondStarted!: () => void;
      const started = new Promise<void>((resolve) => (secondStarted = resolve));
      const first = prisma.$transaction(async (tx) => {
        await touch(tx, x!.id);
        firstUpdated();
        await started;
        await new Promise((resolve) => setTimeout(resolve, 300));
        await copy(tx, y!.id);
      });
      const second = prisma.$transaction(async (tx) => {
        await updated;
        const update = touch(tx, y!.id);
        secondStarted();
        await update;
        await copy(tx, x!.id);
      });
      await Promise.all([first, second]);
      await expectRollupsEqualRaw(prisma, orgId);
    },
    30_000,
  );

  it("empty with the table when it is truncated", async () => {
    const { db } = org;
    await db.prisma.$executeRawUnsafe(`TRUNCATE "Alert"`);
    expect(await db.prisma.alertCreatedRollup.count()).toBe(0);
    expect(await db.prisma.alertRuleRollup.count()).toBe(0);
    expect(await db.prisma.alertOpenCount.count()).toBe(0);
  });
});
