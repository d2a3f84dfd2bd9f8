// The engine end to end through the API: the log test scores without storing; payload and
// reputation detections raise one alert per attack class and source and add entity risk; an
// entity doing several kinds of harm gets a risk alert; auto-block blocks the source, and
// ingest from a blocked address is refused and audited; rules can be switched off and uploaded.
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { CLIENT_IP_HEADER } from "@/lib/http/request-context.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";
import * as entityRoute from "@/app/api/v1/entities/[type]/[value]/route.ts";
import * as settingsRoute from "@/app/api/v1/settings/detection/route.ts";
import * as rulesRoute from "@/app/api/v1/rules/route.ts";
import * as ruleRoute from "@/app/api/v1/rules/[id]/route.ts";
import { POOL_MIN_BYTES } from "./scoring-pool.ts";
import { useScoringPool } from "@/lib/testing/runtime.ts";
import { startScoringPool } from "./start-scoring-pool.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";

const sqli = (id: string, ip: string) => ({
  event: { id },
  source: { ip },
  url: { original: "/items?id=1%27%20UNION%20SELECT%20name,password%20FROM%20users--" },
  http: { request: { method: "GET" } },
});

describe.each(backends)("the detection engine through the API on %s", (backend) => {
  const org = apiTestOrg(backend);
  const { call } = org;

  it("answers the log test per event, in order, without storing anything", async () => {
    const { status, body } = await call(scoreRoute.POST, "POST", "/api/v1/score", [
      sqli("t1", "203.0.113.5"),
      { source: { ip: "nope" } },
      { url: { original: "/search?q=O%27Brien%27s+union+jack" }, source: { ip: "203.0.113.6" } },
      { event: { module: "sshd" }, message: "sshd[1]: Failed password for root from 192.0.2.201 port 4242 ssh2" },
    ]);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(4);
    const [attack, invalid, benign, listed] = body.results;
    expect(attack.detections.some((d: { category: string }) => d.category === "sqli")).toBe(true);
    expect(attack.score).toBeGreaterThanOrEqual(50);
    expect(attack.event.url.original).toContain("UNION");
    expect(invalid.errors[0].path).toBe("source.ip");
    expect(benign.detections.filter((d: { category: string }) => d.category === "sqli")).toEqual([]);
    expect(listed.event.source.ip).toBe("192.0.2.201");
    expect(listed.detections.map((d: { id: string }) => d.id)).toContain("sn-reputation-demo-known-bad");
    expect(await org.db.prisma.event.count({ where: { orgId: org.orgId } })).toBe(0);
  });

  it("counts what a suppression silenced, in the batch's transaction, and raises nothing for it", async () => {
    const ip = "203.0.113.44";
    const scored = await call(scoreRoute.POST, "POST", "/api/v1/score", [sqli("s0", ip)]);
    const ruleIds = scored.body.results[0].detections.map((d: { id: string }) => d.id);
    expect(ruleIds.length).toBeGreaterThan(0);
    const suppression = await org.db.prisma.suppression.create({
      data: {
        orgId: org.orgId,
        ruleIds,
        entityType: "ip",
        entityValue: ip,
        reason: "a scanner we run",
        createdBy: "test",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    invalidateRuleset(org.orgId);
    const first = await call(eventsRoute.POST, "POST", "/api/v1/events", [sqli("s1", ip), sqli("s2", ip)]);
    expect(first).toMatchObject({ status: 202, body: { accepted: 2, alerts: [] } });
    const counted = await org.db.prisma.suppression.findUniqueOrThrow({ where: { id: suppression.id } });
    expect(counted.hits).toBe(2 * ruleIds.length);
    expect(counted.lastHitAt).not.toBeNull();
    await call(eventsRoute.POST, "POST", "/api/v1/events", [sqli("s1", ip), sqli("s3", ip)]);
    expect((await org.db.prisma.suppression.findUniqueOrThrow({ where: { id: suppression.id } })).hits).toBe(
      3 * ruleIds.length,
    );
    await org.db.prisma.suppression.delete({ where: { id: suppression.id } });
    invalidateRuleset(org.orgId);
  });

  it("raises one alert per attack class and source, and adds entity risk", async () => {
    const ip = "203.0.113.21";
    const first = await call(eventsRoute.POST, "POST", "/api/v1/events", [sqli("a1", ip), sqli("a2", ip)]);
    expect(first.status).toBe(202);
    expect(first.body.alerts).toHaveLength(1);
    const again = await call(eventsRoute.POST, "POST", "/api/v1/events", [sqli("a3", ip)]);
    expect(again.body.alerts[0].id).toBe(first.body.alerts[0].id);
    const alert = await org.db.prisma.alert.findUniqueOrThrow({ where: { id: first.body.alerts[0].id } });
    expect(alert).toMatchObject({ category: "sqli", entityType: "ip", entityValue: ip, count: 3 });
    expect(alert.techniques).toContain("T1190");
    const profile = await call(entityRoute.GET, "GET", `/api/v1/entities/ip/${ip}`, undefined, {
      type: "ip",
      value: ip,
    });
    expect(profile.status).toBe(200);
    expect(profile.body.risk.score).toBeGreaterThan(0);
    expect(profile.body.history.length).toBeGreaterThanOrEqual(2);
    expect(profile.body.alerts.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect(profile.body.events).toHaveLength(3);
    const bad = await call(entityRoute.GET, "GET", "/api/v1/entities/ip/not-an-ip", undefined, {
      type: "ip",
      value: "not-an-ip",
    });
    expect(bad.status).toBe(400);
  });

  it("raises a risk alert for an entity doing harm of several kinds", async () => {
    const ip = "203.0.113.22";
    const xss = (id: string) => ({
      event: { id },
      source: { ip },
      url: { original: "/p?name=%3Cscript%3Ealert(document.cookie)%3C/script%3E" },
    });
    const traversal = (id: string) => ({
      event: { id },
      source: { ip },
      url: { original: "/download?file=../../../../etc/passwd" },
    });
    await call(eventsRoute.POST, "POST", "/api/v1/events", [
      sqli("r1", ip),
      xss("r2"),
      traversal("r3"),
      sqli("r4", ip),
      xss("r5"),
      traversal("r6"),
    ]);
    const risk = await org.db.prisma.alert.findFirst({
      where: { orgId: org.orgId, ruleId: "sn-entity-risk", entityValue: ip },
    });
    expect(risk).not.toBeNull();
    expect(risk!.score).toBeGreaterThanOrEqual(70);
    expect((risk!.breakdown as { risk: { categories: string[] } }).risk.categories.length).toBeGreaterThanOrEqual(2);
  });

  it("blocks a source automatically and refuses its ingest, audited", async () => {
    const invalid = await call(settingsRoute.PATCH, "PATCH", "/api/v1/settings/detection", { autoBlockScore: 0 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe("autoBlockScore");
    const saved = await call(settingsRoute.PATCH, "PATCH", "/api/v1/settings/detection", {
      autoBlockEnabled: true,
      autoBlockScore: 50,
      autoBlockMinutes: 30,
      blockedIpAction: "reject",
    });
    expect(saved.body).toMatchObject({ autoBlockEnabled: true, autoBlockScore: 50 });
    const attacker = "203.0.113.23";
    await call(eventsRoute.POST, "POST", "/api/v1/events", [sqli("b1", attacker)]);
    const block = await org.db.prisma.ipBlock.findFirst({ where: { orgId: org.orgId, ip: attacker } });
    expect(block).toMatchObject({ createdBy: "system" });
    expect(
      await org.db.prisma.auditEntry.count({ where: { orgId: org.orgId, action: "ip.blocked", targetId: attacker } }),
    ).toBe(1);
    const refused = await call(eventsRoute.POST, "POST", "/api/v1/events", [{ message: "hello" }], undefined, {
      [CLIENT_IP_HEADER]: attacker,
    });
    expect(refused.status).toBe(403);
    expect(
      await org.db.prisma.auditEntry.count({
        where: { orgId: org.orgId, action: "ip.block_enforced", targetId: attacker },
      }),
    ).toBe(1);
  });

  it("switches a rule off and takes uploaded Sigma rules, refusing broken ones with the reason", async () => {
    const off = await call(
      ruleRoute.PATCH,
      "PATCH",
      "/api/v1/rules/sn-brute-force-ip",
      { threshold: 8, windowSeconds: 120 },
      { id: "sn-brute-force-ip" },
    );
    expect(off.body).toMatchObject({ threshold: 8, windowSeconds: 120, enabled: true });
    const list = await call(rulesRoute.GET, "GET", "/api/v1/rules");
    const bf = list.body.items.find((r: { id: string }) => r.id === "sn-brute-force-ip");
    expect(bf).toMatchObject({ kind: "threshold", threshold: 8, windowSeconds: 120, defaultThreshold: 5 });
    expect(list.body.items.filter((r: { kind: string }) => r.kind === "sigma").length).toBeGreaterThanOrEqual(30);
    const broken = await call(rulesRoute.POST, "POST", "/api/v1/rules", {
      yaml: "title: x\nid: 3f1c2d4e-0000-4000-8000-000000000001\nlogsource: {category: webserver}\ndetection:\n  sel:\n    cs-uri-query|frobnicate: a\n  condition: sel\nlevel: high\n",
    });
    expect(broken.status).toBe(422);
    expect(broken.body.errors[0]).toMatchObject({ path: "yaml" });
    expect(broken.body.errors[0].message).toContain("frobnicate");
    const yaml = [
      "title: Internal probe for the canary path",
      "id: 3f1c2d4e-0000-4000-8000-000000000002",
      "logsource: {category: webserver}",
      "detection:",
      "  sel:",
      "    cs-uri-stem|startswith: /canary-token-7d1",
      "  condition: sel",
      "level: critical",
    ].join("\n");
    expect((await call(rulesRoute.POST, "POST", "/api/v1/rules", { yaml })).status).toBe(201);
    const scored = await call(scoreRoute.POST, "POST", "/api/v1/score", [
      { url: { original: "/canary-token-7d1/x" }, source: { ip: "192.0.2.7" } },
    ]);
    expect(scored.body.results[0].detections.map((d: { id: string }) => d.id)).toContain(
      "3f1c2d4e-0000-4000-8000-000000000002",
    );
    await call(
      ruleRoute.PATCH,
      "PATCH",
      "/api/v1/rules/3f1c2d4e-0000-4000-8000-000000000002",
      { enabled: false },
      { id: "3f1c2d4e-0000-4000-8000-000000000002" },
    );
    const silenced = await call(scoreRoute.POST, "POST", "/api/v1/score", [
      { url: { original: "/canary-token-7d1/x" }, source: { ip: "192.0.2.7" } },
    ]);
    expect(silenced.body.results[0].detections).toEqual([]);
    expect(
      await org.db.prisma.auditEntry.count({
        where: { orgId: org.orgId, action: { in: ["rule.created", "rule.updated"] } },
      }),
    ).toBe(3);
  });

  it("scores a big batch in the scoring pool's workers as inline: uploaded rules, overrides and all", async () => {
    const pool = startScoringPool({ size: 1, rulesDir: "rules", reputationDir: "rules/reputation" });
    let scoredInWorkers = 0;
    useScoringPool({
      ...pool,
      score: (job) => pool.score(job).then((batch) => ((scoredInWorkers += batch.fired.length), batch)),
    });
    // Past the one threshold, in bytes of JSON: about a hundred bytes an event.
    const benignCount = Math.ceil(POOL_MIN_BYTES / 100);
    try {
      const yaml = [
        "title: Pool probe",
        "id: 3f1c2d4e-0000-4000-8000-000000000003",
        "logsource: {category: webserver}",
        "detection:",
        "  sel:",
        "    cs-uri-stem|startswith: /pool-probe-5c2",
        "  condition: sel",
        "level: critical",
      ].join("\n");
      expect((await call(rulesRoute.POST, "POST", "/api/v1/rules", { yaml })).status).toBe(201);
      const benign = Array.from({ length: benignCount }, (_, i) => ({
        event: { id: `pool-b${i}` },
        source: { ip: "198.51.100.77" },
        url: { original: `/docs/page-${i}` },
        http: { request: { method: "GET" } },
      }));
      const attacks = [
        sqli("pool-a1", "203.0.113.88"),
        {
          event: { id: "pool-a2" },
          source: { ip: "203.0.113.89" },
          url: { original: "/pool-probe-5c2/x" },
          http: { request: { method: "GET" } },
        },
      ];
      const { status, body } = await call(eventsRoute.POST, "POST", "/api/v1/events", [...benign, ...attacks]);
      expect(status).toBe(202);
      expect(JSON.stringify([...benign, ...attacks]).length).toBeGreaterThan(POOL_MIN_BYTES);
      expect(body.accepted).toBe(benignCount + 2);
      expect(scoredInWorkers).toBe(benignCount + 2);
      const rules = body.alerts.flatMap((a: { rules: string[] }) => a.rules);
      expect(rules).toEqual(expect.arrayContaining(["3f1c2d4e-0000-4000-8000-000000000003"]));
      expect(rules.some((id: string) => id.startsWith("sn-sqli-"))).toBe(true);
      const alerted = await org.db.prisma.alert.findMany({
        where: { orgId: org.orgId, entityValue: { in: ["203.0.113.88", "203.0.113.89", "198.51.100.77"] } },
      });
      expect(new Set(alerted.map((a) => a.entityValue))).toEqual(new Set(["203.0.113.88", "203.0.113.89"]));
    } finally {
      useScoringPool(undefined);
      await pool.close();
    }
    // The worker's first answer waits for it to start.
  }, 30_000);
});
