// A brute force of 20 failed sshd logins from one address in a minute, sent as it happens (four
// batches), yields exactly one alert whose count and score grow, with a breakdown naming the rule
// and the events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey } from "@/lib/apikeys/manage.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as alertRoute from "@/app/api/v1/alerts/[id]/route.ts";
import * as alertsRoute from "@/app/api/v1/alerts/route.ts";
import { MemoryWindowStore } from "@/lib/detection/window-store.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";

describe.each(backends)("brute-force detection on %s", (backend) => {
  let db: TestDatabase;
  let installed: ReturnType<typeof installTestRuntime>;
  let orgId: string;
  let token: string;
  const attacker = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
  const post = async (events: unknown[]) =>
    (
      await eventsRoute.POST(
        new Request("http://localhost/api/v1/events", {
          method: "POST",
          body: JSON.stringify(events),
          headers: { authorization: `Bearer ${token}` },
        }),
      )
    ).json();

  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "1000" });
    db = await createTestDatabase(backend);
    installed = installTestRuntime(db, { windows: new MemoryWindowStore() });
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    token = (
      await createApiKey(
        db.prisma,
        { orgId, name: "sensor", scopes: ["events:write", "alerts:read", "alerts:write"] },
        { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
      )
    ).token;
  });
  afterAll(async () => {
    await installed.uninstall();
    await db.close();
  });

  it("raises one alert for the source and escalates it as failures continue", async () => {
    const start = Date.now() - 50_000;
    const attempt = (i: number) => ({
      "@timestamp": new Date(start + i * 2_500).toISOString(),
      event: { id: `bf-${backend}-${i}`, module: "sshd" },
      message: `sshd[311]: Failed password for root from ${attacker} port ${50_000 + i} ssh2`,
    });
    const seen: { id: string; score: number; count: number }[] = [];
    for (let batch = 0; batch < 4; batch++) {
      const answer = await post(Array.from({ length: 5 }, (_, k) => attempt(batch * 5 + k)));
      expect(answer.accepted).toBe(5);
      expect(answer.alerts).toHaveLength(1);
      const alert = await db.prisma.alert.findUniqueOrThrow({ where: { id: answer.alerts[0].id } });
      seen.push({ id: alert.id, score: alert.score, count: alert.count });
      expect(answer.alerts[0]).toEqual({
        id: alert.id,
        severity: alert.severity,
        score: alert.score,
        rules: ["sn-brute-force-ip"],
      });
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(1);
    // The alert counts the four attempts that led up to the threshold too, but they do not score.
    expect(seen.map((s) => s.count)).toEqual([5, 10, 15, 20]);
    expect(seen[0]!.score).toBe(50);
    expect(seen.map((s) => s.score)).toEqual([...seen.map((s) => s.score)].sort((a, b) => a - b));
    expect(seen[3]!.score).toBeGreaterThan(seen[0]!.score);

    const alerts = await db.prisma.alert.findMany({ where: { orgId, entityValue: attacker } });
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      ruleId: "sn-brute-force-ip",
      entityType: "ip",
      category: "brute_force",
      techniques: ["T1110.001"],
      severity: "high",
    });
    expect(alert!.breakdown).toMatchObject({
      rules: [{ id: "sn-brute-force-ip", points: 5, threshold: 5 }],
      entity: { type: "ip", value: attacker },
    });
    // Every attempt, the four before the threshold included, in order; first seen is the first attempt.
    expect(alert!.eventIds).toEqual(Array.from({ length: 20 }, (_, i) => `bf-${backend}-${i}`));
    expect(alert!.firstSeenAt.getTime()).toBe(start);
    expect(alert!.breakdown).toMatchObject({ matchedEvents: 20, leadIn: 4 });

    // The analyst's view through the API: the list, the detail with its events, and triage.
    const auth = { authorization: `Bearer ${token}` };
    const list = await (
      await alertsRoute.GET(
        new Request(`http://localhost/api/v1/alerts?severity=high&entity=${attacker}`, { headers: auth }),
      )
    ).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([alert!.id]);
    const ctx = { params: Promise.resolve({ id: alert!.id }) };
    const detail = await (
      await alertRoute.GET(new Request(`http://localhost/api/v1/alerts/${alert!.id}`, { headers: auth }), ctx)
    ).json();
    expect(detail.events).toHaveLength(20);
    expect(detail.events[0].doc.source.ip).toBe(attacker);
    const patched = await alertRoute.PATCH(
      new Request(`http://localhost/api/v1/alerts/${alert!.id}`, {
        method: "PATCH",
        headers: auth,
        body: JSON.stringify({ status: "acknowledged", comment: "blocking at the edge" }),
      }),
      { params: Promise.resolve({ id: alert!.id }) },
    );
    expect(await patched.json()).toMatchObject({ status: "acknowledged" });
    const after = await (
      await alertRoute.GET(new Request(`http://localhost/api/v1/alerts/${alert!.id}`, { headers: auth }), {
        params: Promise.resolve({ id: alert!.id }),
      })
    ).json();
    expect(after.timeline.map((t: { action: string }) => t.action)).toEqual([
      "alert.status_changed",
      "alert.commented",
    ]);
    const bad = await alertRoute.PATCH(
      new Request(`http://localhost/api/v1/alerts/${alert!.id}`, {
        method: "PATCH",
        headers: auth,
        body: JSON.stringify({ status: "closed" }),
      }),
      { params: Promise.resolve({ id: alert!.id }) },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("status");
  });
});
