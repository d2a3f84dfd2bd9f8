// The dashboard's numbers from events that went through the real ingest route: open alerts by
// severity, events over time, and the top rules by title (an uploaded rule's too).
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as rulesRoute from "@/app/api/v1/rules/route.ts";
import * as overviewRoute from "@/app/api/v1/stats/overview/route.ts";

const CANARY_RULE = [
  "title: Canary page requested",
  "id: 6b0f2a51-7c1e-4d8a-9f3b-2f7c0e5d9a11",
  "logsource: {category: webserver}",
  "detection:",
  "  sel:",
  "    cs-uri-stem|startswith: /canary-7f3",
  "  condition: sel",
  "level: critical",
].join("\n");

const failedLogin = (ip: string, i: number) => ({
  event: { id: `bf-${ip}-${i}`, module: "sshd" },
  message: `sshd[9]: Failed password for deploy from ${ip} port ${50000 + i} ssh2`,
});

describe.each(backends)("the overview on %s", (backend) => {
  const { call } = apiTestOrg(backend);

  it("counts what was ingested and names the rules that fired", async () => {
    const empty = await call(overviewRoute.GET, "GET", "/api/v1/stats/overview?window=1h");
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ window: "1h", openAlerts: { total: 0 }, topRules: [], mttaSeconds: null });
    expect(empty.body.events.length).toBeGreaterThanOrEqual(60);
    expect(empty.body.events.length).toBeLessThanOrEqual(61);

    expect((await call(rulesRoute.POST, "POST", "/api/v1/rules", { yaml: CANARY_RULE })).status).toBe(201);
    const events = [
      ...Array.from({ length: 6 }, (_, i) => failedLogin("198.51.100.44", i)),
      ...Array.from({ length: 3 }, (_, i) => ({
        event: { id: `canary-${i}` },
        source: { ip: "203.0.113.61" },
        url: { original: `/canary-7f3/${i}` },
      })),
      { event: { id: "quiet" }, source: { ip: "203.0.113.62" }, url: { original: "/index.html" } },
    ];
    const ingest = await call(eventsRoute.POST, "POST", "/api/v1/events", events);
    expect(ingest.status).toBe(202);
    expect(ingest.body.accepted).toBe(10);

    const { status, body } = await call(overviewRoute.GET, "GET", "/api/v1/stats/overview?window=1h");
    expect(status).toBe(200);
    expect(body.events.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(10);
    expect(body.openAlerts.total).toBe(ingest.body.alerts.length);
    const bySeverity = Object.values(body.openAlerts.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(bySeverity).toBe(body.openAlerts.total);
    const rules = new Map(
      (body.topRules as { ruleId: string; title: string | null; alerts: number; events: number }[]).map((r) => [
        r.ruleId,
        r,
      ]),
    );
    expect(rules.get("sn-brute-force-ip")).toMatchObject({
      title: "Brute force: repeated failed logins from one source",
      alerts: 1,
      events: 6,
    });
    expect(rules.get("6b0f2a51-7c1e-4d8a-9f3b-2f7c0e5d9a11")).toMatchObject({
      title: "Canary page requested",
      alerts: 1,
      events: 3,
    });
  });

  it("refuses a window it does not know, naming the parameter", async () => {
    const { status, body } = await call(overviewRoute.GET, "GET", "/api/v1/stats/overview?window=2d");
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ path: "window" });
  });
});
