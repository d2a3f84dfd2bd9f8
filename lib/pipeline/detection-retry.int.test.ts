// A batch whose detection fails after its events were stored (forced here by a trigger that makes
// the rule-hit table refuse its first write, as a full disk or a lost connection would) answers a
// clean, retryable 503, not a 500; sending the batch again redoes its detection from the stored
// events, exactly once: the same alerts, counts and rule hits as a batch that never failed.
import { describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as settingsRoute from "@/app/api/v1/settings/detection/route.ts";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";

// A minute ago, so the threshold windows and the alerts' dedup window hold the whole batch.
const at = (i: number) => new Date(Date.now() - 60_000 + i * 1_000).toISOString();

/** Two SQL injections and six failed logins (a brute force) from one address, for one user. */
function attack(name: string, ip: string) {
  const sqli = [0, 1].map((i) => ({
    "@timestamp": at(i),
    event: { id: `${name}-sqli-${i}` },
    source: { ip },
    url: { original: `/products?id=${i}' or '1'='1` },
    http: { request: { method: "GET" } },
  }));
  const logins = Array.from({ length: 6 }, (_, i) => ({
    "@timestamp": at(10 + i),
    event: { id: `${name}-login-${i}`, category: ["authentication"], outcome: "failure", module: "sshd" },
    source: { ip },
    user: { name: `${name}-user` },
  }));
  return [...sqli, ...logins];
}

describe.each(backends)("a batch whose detection fails after storage, on %s", (backend) => {
  const org = apiTestOrg(backend);
  const post = (events: unknown[]) =>
    eventsRoute.POST(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: org.authorization, "content-type": "application/json" },
        body: JSON.stringify(events),
      }),
    );
  const ruleHits = async () =>
    Object.fromEntries(
      (await org.db.prisma.ruleStat.findMany({ where: { orgId: org.orgId } })).map((r) => [r.ruleId, Number(r.hits)]),
    );
  const delta = (after: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([id, n]) => [id, n - (before[id] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
  /** Makes `table` refuse its first insert statement, then accept every later one (a real failure, not a mock). */
  const failFirstInsert = async (table: string, name: string, message: string) => {
    // Sequences are not transactional: the trigger's first call raises, every later one passes.
    await org.db.prisma.$executeRawUnsafe(`CREATE SEQUENCE "${name}"`);
    await org.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('${name}') = 1 THEN RAISE EXCEPTION '${message}'; END IF;
        RETURN NULL;
      END $$`);
    await org.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
    );
  };
  /** The alerts about the batch's address and user, as an analyst sees them. */
  const alertsOf = async (name: string, ip: string) =>
    (
      await org.db.prisma.alert.findMany({
        where: { orgId: org.orgId, entityValue: { in: [ip, `${name}-user`] } },
        orderBy: [{ ruleId: "asc" }, { entityType: "asc" }],
      })
    ).map((a) => ({
      ruleId: a.ruleId,
      entityType: a.entityType,
      count: a.count,
      score: a.score,
      events: a.eventIds.length,
    }));

  it("answers 503 with Retry-After, and the retry raises the alerts and counts the hits once", async () => {
    const failing = "198.51.100.31";
    const control = "198.51.100.32";
    await failFirstInsert("RuleStat", "rule_stat_fail_once", "the rule-hit table is unavailable");
    const before = await ruleHits();
    const batch = attack("failing", failing);

    const first = await post(batch);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("5");
    expect(first.headers.get("content-type")).toContain("application/problem+json");
    expect(await first.json()).toMatchObject({
      status: 503,
      detail: expect.stringContaining("8 new events were stored"),
    });
    // Stored, and nothing of its detection committed: no alert, no hit, no risk; the batch is in the backlog.
    expect(await org.db.prisma.event.count({ where: { eventId: { startsWith: "failing-" } } })).toBe(8);
    expect(await alertsOf("failing", failing)).toEqual([]);
    expect(await ruleHits()).toEqual(before);
    expect(await org.db.prisma.entityRisk.count({ where: { entityValue: failing } })).toBe(0);
    expect(await org.db.prisma.detectionBacklog.count()).toBe(1);

    const retry = await post(batch);
    expect(retry.status).toBe(202);
    const retried = await retry.json();
    expect(retried).toMatchObject({ accepted: 0, duplicates: 8, rejected: [] });
    expect(retried.alerts.length).toBeGreaterThan(0);
    expect(await org.db.prisma.detectionBacklog.count()).toBe(0);
    const afterRetry = await ruleHits();

    // The same batch from another address, never failing: what the first should have done.
    const controlAnswer = await post(attack("control", control));
    expect(controlAnswer.status).toBe(202);
    expect((await controlAnswer.json()).alerts.length).toBe(retried.alerts.length);
    const afterControl = await ruleHits();
    expect(delta(afterRetry, before)).toEqual(delta(afterControl, afterRetry));
    expect(Object.keys(delta(afterRetry, before))).toEqual(
      expect.arrayContaining(["sn-brute-force-ip", expect.stringMatching(/^sn-sqli-/)]),
    );
    const failingAlerts = await alertsOf("failing", failing);
    expect(failingAlerts.length).toBeGreaterThan(1);
    expect(failingAlerts).toEqual(await alertsOf("control", control));

    // Once more: all duplicates, nothing left to redo, nothing counted again.
    const third = await post(batch);
    expect(await third.json()).toEqual({ accepted: 0, duplicates: 8, rejected: [], alerts: [] });
    expect(await ruleHits()).toEqual(afterControl);
    expect(await alertsOf("failing", failing)).toEqual(failingAlerts);
  });

  it("raises the alerts once when only the automatic block failed, and the retry applies the block", async () => {
    const attacker = "198.51.100.33";
    await failFirstInsert("IpBlock", "ip_block_fail_once", "the block table is unavailable");
    const saved = await org.call(settingsRoute.PATCH, "PATCH", "/api/v1/settings/detection", {
      autoBlockEnabled: true,
      autoBlockScore: 50,
      autoBlockMinutes: 30,
      blockedIpAction: "record",
    });
    expect(saved.status).toBe(200);
    const batch = attack("blocked", attacker);
    const first = await post(batch);
    expect(first.status).toBe(503);
    // The detection committed (alerts raised and announced); only the block is left, on the backlog row.
    const raised = await alertsOf("blocked", attacker);
    expect(raised.length).toBeGreaterThan(0);
    expect(await org.db.prisma.ipBlock.count({ where: { ip: attacker } })).toBe(0);
    const [row] = await org.db.prisma.detectionBacklog.findMany();
    expect(row?.pendingBlocks).toEqual([expect.objectContaining({ ip: attacker })]);
    const hits = await ruleHits();

    const retry = await post(batch);
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 8, alerts: [] });
    expect(await org.db.prisma.ipBlock.count({ where: { ip: attacker, liftedAt: null } })).toBe(1);
    expect(await org.db.prisma.detectionBacklog.count()).toBe(0);
    expect(await alertsOf("blocked", attacker)).toEqual(raised);
    expect(await ruleHits()).toEqual(hits);
  });
});
