// GET /api/v1/events/histogram: what an analyst sees above the events list, counted from the
// rollups; filters the rollups cannot answer are refused naming the field.
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as histogramRoute from "@/app/api/v1/events/histogram/route.ts";

describe.each(backends)("the events histogram on %s", (backend) => {
  const { call } = apiTestOrg(backend);

  it("counts ingested events per bucket, with the filters the rollups keep", async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const events = [
      ...Array.from({ length: 4 }, (_, i) => ({
        "@timestamp": at(5),
        event: { id: `web-${i}`, module: "nginx", outcome: "failure" },
        http: { response: { status_code: 404 } },
      })),
      ...Array.from({ length: 3 }, (_, i) => ({ "@timestamp": at(90), event: { id: `ssh-${i}`, module: "sshd" } })),
    ];
    expect((await call(eventsRoute.POST, "POST", "/api/v1/events", events)).status).toBe(202);

    const all = await call(histogramRoute.GET, "GET", "/api/v1/events/histogram?bucket=1h");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ bucketSeconds: 3600, total: 7 });
    expect(all.body.buckets).toHaveLength(25);
    const web = await call(histogramRoute.GET, "GET", "/api/v1/events/histogram?module=nginx&statusClass=4");
    expect(web.body.total).toBe(4);
    // Without a bucket, 24 h in the smallest one giving at most 240: 15 minutes.
    expect(web.body.bucketSeconds).toBe(900);
    const none = await call(histogramRoute.GET, "GET", "/api/v1/events/histogram?module=sshd&outcome=failure");
    expect(none.body.total).toBe(0);
  });

  it.each([
    ["sourceIp=198.51.100.1", "sourceIp"],
    ["q=admin", "q"],
    ["module=made-up", "module"],
    ["statusClass=7", "statusClass"],
    ["category=web&module=nginx", "category"],
    ["since=2026-12-03T10:00:00Z&until=2026-12-03T09:00:00Z", "until"],
    ["since=2020-01-01T00:00:00Z&bucket=1m", "bucket"],
  ])("refuses %s, naming %s", async (params, path) => {
    const { status, body } = await call(histogramRoute.GET, "GET", `/api/v1/events/histogram?${params}`);
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
