// The scale loader at a small size: the counts asked for, distributions that look like traffic
// (7 days, denser recently, some late, skewed sources), unique keys holding, alerts whose triage
// fields agree with their status, an audit chain that still verifies, and the console's own calls
// (events, alerts, overview, entities, entity page, audit) returning what was loaded.
import { beforeAll, describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { SEVERITY_MIN_SCORE } from "@/lib/vocabulary.ts";
import * as alertsRoute from "@/app/api/v1/alerts/route.ts";
import * as auditRoute from "@/app/api/v1/audit/route.ts";
import * as auditVerifyRoute from "@/app/api/v1/audit/verify/route.ts";
import * as entitiesRoute from "@/app/api/v1/entities/route.ts";
import * as entityRoute from "@/app/api/v1/entities/[type]/[value]/route.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as overviewRoute from "@/app/api/v1/stats/overview/route.ts";
import { RISKY } from "./load-alerts.ts";
import { loadScale } from "./load.ts";
import { ipOf, WORDS } from "./pools.ts";

const EVENTS = 5_000;
const ALERTS = 500;
const AUDIT = 300;
const DAY = 86_400_000;

// The whole document on PGlite, the minimal one (the bench's default) on PostgreSQL: both shapes run.
describe.each(backends)("the scale loader on %s", (backend) => {
  const org = apiTestOrg(backend);
  const now = new Date();
  const one = async <T>(sql: string) => {
    const conn = await org.db.openSqlConnection();
    try {
      return (await conn.query<T>(sql))[0]!;
    } finally {
      await conn.close();
    }
  };

  beforeAll(async () => {
    const conn = await org.db.openSqlConnection();
    try {
      // Chunks smaller than the load, so the chunk boundaries are exercised too.
      await loadScale(conn, org.orgId, {
        events: EVENTS,
        alerts: ALERTS,
        audit: AUDIT,
        chunk: 2_000,
        doc: backend === "pglite" ? "full" : "minimal",
        now,
      });
    } finally {
      await conn.close();
    }
  }, 120_000);

  it("loads the events asked for over 7 days, denser recently, some late, with unique ids", async () => {
    const stats = await one<Record<string, string>>(`
      SELECT count(*)::text AS n, count(DISTINCT "eventId")::text AS ids,
        min("timestamp")::text AS oldest, max("receivedAt")::text AS newest,
        count(*) FILTER (WHERE "timestamp" > '${new Date(now.getTime() - DAY).toISOString()}')::text AS last_day,
        count(*) FILTER (WHERE "receivedAt" - "timestamp" > interval '1 minute')::text AS late,
        count(*) FILTER (WHERE "receivedAt" < "timestamp")::text AS from_future,
        count(DISTINCT "module")::text AS modules, count(DISTINCT "sourceIp")::text AS ips,
        count(DISTINCT "userName")::text AS users, count(DISTINCT "hostName")::text AS hosts,
        count(*) FILTER (WHERE ("doc" #> '{event,id}' IS NOT NULL AND "doc" #>> '{event,id}' IS DISTINCT FROM "eventId")
          OR ("doc" #> '{event,module}' IS NOT NULL AND "doc" #>> '{event,module}' IS DISTINCT FROM "module")
          OR ("doc" ? 'source' AND "doc" #>> '{source,ip}' IS DISTINCT FROM "sourceIp")
          OR ("doc" ? 'user' AND "doc" #>> '{user,name}' IS DISTINCT FROM "userName"))::text AS doc_disagrees,
        count(*) FILTER (WHERE "message" ILIKE '%${WORDS[0]}%' OR "urlOriginal" ILIKE '%${WORDS[0]}%')::text AS common_word
      FROM "Event"`);
    const n = (k: string) => Number(stats[k]);
    expect(n("n")).toBe(EVENTS);
    expect(n("ids")).toBe(EVENTS);
    expect(new Date(stats.oldest!).getTime()).toBeGreaterThan(now.getTime() - 7 * DAY - 6 * 3_600_000);
    expect(new Date(stats.newest!).getTime()).toBeLessThanOrEqual(now.getTime());
    // Uniform over 7 days would put a seventh in the last day.
    expect(n("last_day")).toBeGreaterThan(EVENTS / 7);
    expect(n("late")).toBeGreaterThan(EVENTS * 0.005);
    expect(n("late")).toBeLessThan(EVENTS * 0.05);
    expect(n("from_future")).toBe(0);
    expect(n("modules")).toBeGreaterThanOrEqual(15);
    expect(n("ips")).toBeGreaterThan(500);
    expect(n("users")).toBeGreaterThan(200);
    expect(n("hosts")).toBeLessThanOrEqual(500);
    expect(n("doc_disagrees")).toBe(0);
    expect(n("common_word")).toBeGreaterThan(EVENTS * 0.05);
    // Zipf-like sources: the busiest IP alone sends more than 1% of the traffic.
    const busiest = await one<{ n: string }>(`SELECT count(*)::text AS n FROM "Event" WHERE "sourceIp" = '${ipOf(0)}'`);
    expect(Number(busiest.n)).toBeGreaterThan(EVENTS * 0.01);
  });

  it("loads alerts whose severity, triage times and disposition agree with their score and status", async () => {
    const stats = await one<Record<string, string>>(`
      SELECT count(*)::text AS n, count(DISTINCT "status")::text AS statuses, count(DISTINCT "ruleId")::text AS rules,
        count(*) FILTER (WHERE "status" IN ('resolved', 'false_positive') AND ("resolvedAt" IS NULL OR "disposition" IS NULL))::text AS closed_unclosed,
        count(*) FILTER (WHERE "status" NOT IN ('resolved', 'false_positive') AND "resolvedAt" IS NOT NULL)::text AS open_resolved,
        count(*) FILTER (WHERE "status" <> 'new' AND "acknowledgedAt" IS NULL)::text AS unacknowledged,
        count(*) FILTER (WHERE "acknowledgedAt" < "createdAt" OR "resolvedAt" < "acknowledgedAt" OR "lastSeenAt" < "firstSeenAt")::text AS out_of_order,
        count(*) FILTER (WHERE "severity" <> CASE WHEN "score" >= ${SEVERITY_MIN_SCORE.critical} THEN 'critical'
          WHEN "score" >= ${SEVERITY_MIN_SCORE.high} THEN 'high' WHEN "score" >= ${SEVERITY_MIN_SCORE.medium} THEN 'medium' ELSE 'low' END)::text AS wrong_severity,
        count(*) FILTER (WHERE "entityType" = 'ip' AND "entityValue" NOT LIKE '10.2_.%')::text AS foreign_ips,
        (SELECT count(*) FROM "EntityRisk")::text AS risk_rows
      FROM "Alert"`);
    const n = (k: string) => Number(stats[k]);
    expect(n("n")).toBe(ALERTS);
    expect(n("statuses")).toBe(5);
    expect(n("rules")).toBeGreaterThan(20);
    for (const k of [
      "closed_unclosed",
      "open_resolved",
      "unacknowledged",
      "out_of_order",
      "wrong_severity",
      "foreign_ips",
    ])
      expect({ [k]: n(k) }).toEqual({ [k]: 0 });
    expect(n("risk_rows")).toBe(RISKY.ip + RISKY.user + RISKY.host);
  });

  it("extends the audit chain so that it still verifies", async () => {
    const verify = await org.call(auditVerifyRoute.GET, "GET", "/api/v1/audit/verify");
    expect(verify.body).toMatchObject({ ok: true });
    const failed = await org.call(auditRoute.GET, "GET", "/api/v1/audit?action=auth.login.failed&limit=200");
    expect(failed.body.items.length).toBeGreaterThan(10);
    expect(failed.body.items.every((e: { action: string }) => e.action === "auth.login.failed")).toBe(true);
  });

  it("is what the console's own calls list", async () => {
    const events = await org.call(eventsRoute.GET, "GET", "/api/v1/events?module=nginx&limit=50");
    expect(events.body.items).toHaveLength(50);
    const next = await org.call(
      eventsRoute.GET,
      "GET",
      `/api/v1/events?module=nginx&limit=50&cursor=${events.body.nextCursor}`,
    );
    expect(next.body.items[0].timestamp <= events.body.items[49].timestamp).toBe(true);
    const alerts = await org.call(
      alertsRoute.GET,
      "GET",
      "/api/v1/alerts?status=new,acknowledged,in_progress&limit=50",
    );
    expect(alerts.body.items).toHaveLength(50);
    const week = await org.call(overviewRoute.GET, "GET", "/api/v1/stats/overview?window=7d");
    const counted = week.body.events.reduce((s: number, b: { count: number }) => s + b.count, 0);
    // Late events whose timestamp is more than 7 days back fall outside the window.
    expect(counted).toBeGreaterThan(EVENTS * 0.98);
    expect(counted).toBeLessThanOrEqual(EVENTS);
    expect(week.body.topIps.length).toBeGreaterThan(0);
    const entities = await org.call(entitiesRoute.GET, "GET", "/api/v1/entities?type=ip");
    expect(entities.body.items.length).toBeGreaterThan(0);
    const entity = await org.call(entityRoute.GET, "GET", `/api/v1/entities/ip/${ipOf(0)}`, undefined, {
      type: "ip",
      value: ipOf(0),
    });
    expect(entity.body.risk.score).toBeGreaterThan(0);
    expect(entity.body.events).toHaveLength(50);
    expect(entity.body.history.length).toBeGreaterThan(100);
  });
});
