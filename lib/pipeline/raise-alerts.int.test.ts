// One alert per rule group and entity: repeated hits update it, and it keeps the newest hundred
// matched event ids in order (appended in SQL, so a busy alert's ids are never read back).
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { rawTransaction } from "@/lib/db/raw.ts";
import { raiseAlerts } from "./raise-alerts.ts";
import type { AlertCandidate } from "@/lib/detection/candidates.ts";

describe.each(backends)("raising alerts on %s", (backend) => {
  const org = seededTestOrg(backend);

  const start = Date.now() - 60_000;
  const candidate = (from: number, count: number): AlertCandidate => ({
    groupKey: "event:sqli:ip:203.0.113.9",
    ruleId: "sn-sqli-union",
    title: "SQL injection",
    category: "sqli",
    entity: { type: "ip", value: "203.0.113.9" },
    entities: [{ type: "ip", value: "203.0.113.9" }],
    techniques: ["T1190"],
    events: Array.from({ length: count }, (_, i) => ({
      eventId: `e-${from + i}`,
      timestamp: new Date(start + (from + i) * 10),
    })),
    rules: [{ id: "sn-sqli-union", title: "SQL injection", category: "sqli", points: 5, hits: count }],
    baseScore: 50,
    growth: "count",
    scoring: "test",
  });

  it("updates one alert and keeps its newest hundred event ids in order", async () => {
    const { db, orgId } = org;
    const [first] = await rawTransaction(db.prisma, (query) => raiseAlerts(query, orgId, [candidate(0, 70)]));
    expect(first).toMatchObject({ created: true, rules: ["sn-sqli-union"] });
    const [second] = await rawTransaction(db.prisma, (query) => raiseAlerts(query, orgId, [candidate(70, 20)]));
    expect(second).toMatchObject({ id: first!.id, created: false });
    expect((await db.prisma.alert.findUniqueOrThrow({ where: { id: first!.id } })).eventIds).toEqual(
      Array.from({ length: 90 }, (_, i) => `e-${i}`),
    );
    const [third] = await rawTransaction(db.prisma, (query) => raiseAlerts(query, orgId, [candidate(90, 45)]));
    expect(third).toMatchObject({ id: first!.id, created: false, score: 100 });
    const alert = await db.prisma.alert.findUniqueOrThrow({ where: { id: first!.id } });
    expect(alert.count).toBe(135);
    expect(alert.eventIds).toEqual(Array.from({ length: 100 }, (_, i) => `e-${35 + i}`));
    expect(third!.view).toMatchObject({ id: first!.id, count: 135, entity: { type: "ip", value: "203.0.113.9" } });
  });
});
