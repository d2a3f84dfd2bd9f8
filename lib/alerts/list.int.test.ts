// The alerts list walked page by page returns exactly the matching alerts of the org, in the
// sort's order, once each; and the overview's alert numbers equal counting the rows in code.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "@/lib/generated/prisma/client.ts";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { loadAlerts } from "@/lib/testing/alert-fixtures.ts";
import { alertsCreated, openAlertsBySeverity, topRules } from "@/lib/stats/alert-overview.ts";
import { isClosedAlertStatus } from "@/lib/vocabulary.ts";
import { listAlerts, type AlertFilters, type AlertSort } from "./query.ts";

const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const CASES: [string, Omit<AlertFilters, "limit" | "sort">, (a: Alert) => boolean][] = [
  ["no filter", {}, () => true],
  ["open", { status: ["new", "acknowledged", "in_progress"] }, (a) => !isClosedAlertStatus(a.status)],
  ["severity high or worse", { severity: "high" }, (a) => a.score >= 70],
  ["since", { since: ago(3 * 1440) }, (a) => a.lastSeenAt >= ago(3 * 1440)],
  ["until", { until: ago(5 * 1440) }, (a) => a.firstSeenAt <= ago(5 * 1440)],
  ["changed since", { changedSince: ago(600) }, (a) => a.updatedAt >= ago(600)],
  ["rule", { rule: "sn-rule-4" }, (a) => a.ruleId === "sn-rule-4"],
  ["entity", { entity: "10.0.3.17" }, (a) => a.entityValue === "10.0.3.17"],
  ["assignee", { assignee: "analyst2@example.com" }, (a) => a.assignee === "analyst2@example.com"],
  ["unassigned", { assignee: "none" }, (a) => a.assignee === null],
  [
    "free text, any case",
    { q: "RULE-1" },
    (a) => [a.title, a.entityValue, a.ruleId].some((v) => v.toLowerCase().includes("rule-1")),
  ],
  ["free text: % is a character, not a wildcard", { q: "%" }, () => false],
];

const sortKey = { lastSeen: "lastSeenAt", created: "createdAt", score: "score" } as const;
function expectedOrder(rows: Alert[], sort: AlertSort) {
  const key = (a: Alert) => Number(a[sortKey[sort]]);
  return [...rows].sort((a, b) => key(b) - key(a) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0)).map((a) => a.id);
}

describe.each(backends)("the alerts list on %s", (backend) => {
  let db: TestDatabase;
  let alerts: Alert[];
  const orgId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    await loadAlerts(db.prisma, orgId, 700, { now });
    await loadAlerts(db.prisma, randomUUID(), 100, { now }); // another org's, never listed
    alerts = await db.prisma.alert.findMany({ where: { orgId } });
  }, 120_000);
  afterAll(() => db?.close());

  describe.each(["lastSeen", "created", "score"] as const)("sorted by %s", (sort) => {
    it.each(CASES)("%s: every match once, in order", async (name, filters, matches) => {
      const expected = expectedOrder(alerts.filter(matches), sort);
      if (filters.q !== "%") expect(expected.length).toBeGreaterThan(0);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listAlerts(db.prisma, orgId, { ...filters, sort, cursor, limit: 37 });
        expect(page.items.length).toBeLessThanOrEqual(37);
        seen.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, name).toEqual(expected);
    });
  });

  it("rejects a cursor it did not make", async () => {
    await expect(listAlerts(db.prisma, orgId, { cursor: "bm9wZQ", limit: 5 })).rejects.toThrow(/cursor/);
  });

  it("counts the overview's alert numbers as the rows do", async () => {
    const open = alerts.filter((a) => !isClosedAlertStatus(a.status));
    const bySeverity = { low: 0, medium: 0, high: 0, critical: 0 } as Record<string, number>;
    for (const a of open) bySeverity[a.severity]! += 1;
    expect(await openAlertsBySeverity(db.prisma, orgId)).toEqual({ total: open.length, bySeverity });

    // Whole buckets, from the one holding `since`.
    const since = ago(1440);
    const bucketMs = 1_800_000;
    const from = new Date(Math.floor(since.getTime() / bucketMs) * bucketMs);
    const inWindow = alerts.filter((a) => a.createdAt >= from);
    const created = await alertsCreated(db.prisma, orgId, since, bucketMs);
    const expected = new Map<number, Record<string, number>>();
    for (const a of inWindow) {
      const at = Math.floor(a.createdAt.getTime() / bucketMs) * bucketMs;
      const counts = expected.get(at) ?? { low: 0, medium: 0, high: 0, critical: 0 };
      counts[a.severity]! += 1;
      expected.set(at, counts);
    }
    expect(created.byBucket).toEqual(expected);
    const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
    const acked = inWindow.filter((a) => a.acknowledgedAt);
    const resolved = inWindow.filter((a) => a.resolvedAt);
    expect(acked.length).toBeGreaterThan(0);
    expect(created.mttaSeconds).toBe(mean(acked.map((a) => (+a.acknowledgedAt! - +a.createdAt) / 1000)));
    expect(created.mttrSeconds).toBe(mean(resolved.map((a) => (+a.resolvedAt! - +a.createdAt) / 1000)));

    const byRule = new Map<string, { alerts: number; events: number }>();
    for (const a of alerts.filter((x) => x.lastSeenAt >= from)) {
      const r = byRule.get(a.ruleId) ?? { alerts: 0, events: 0 };
      byRule.set(a.ruleId, { alerts: r.alerts + 1, events: r.events + a.count });
    }
    const top = [...byRule]
      .map(([ruleId, r]) => ({ ruleId, ...r }))
      .sort((a, b) => b.alerts - a.alerts || (a.ruleId < b.ruleId ? -1 : 1))
      .slice(0, 8);
    expect(await topRules(db.prisma, orgId, since, bucketMs, 8)).toEqual(top);
  });
});
