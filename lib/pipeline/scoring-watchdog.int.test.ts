// The scoring worker's time budget and watchdog, through the real ingest handler and database: a
// batch whose detectors are slow is stored whole with the events left over marked "time_budget"; a
// worker stuck inside one event (as in a catastrophic regex) is stopped and replaced, its batch
// stored and marked "watchdog", and the answer comes within the watchdog's time plus slack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";
import { POOL_MIN_BYTES } from "@/lib/pipeline/scoring-pool.ts";
import { useScoringPool } from "@/lib/testing/runtime.ts";
import { startScoringPool } from "./start-scoring-pool.ts";

const BUDGET_MS = 300;
const WATCHDOG_MS = 1_500;
/** Storing and detecting on a few hundred events on a shared, busy machine. */
const SLACK_MS = 6_000;

const events = (prefix: string, n: number, message: (i: number) => string, pad = 0) =>
  Array.from({ length: n }, (_, i) => ({
    event: { id: `${prefix}-${i}` },
    message: message(i),
    source: { ip: "198.51.100.60" },
    labels: { pad: "p".repeat(pad) },
  }));

describe.each(backends)("the scoring worker's time budget and watchdog on %s", (backend) => {
  const org = apiTestOrg(backend);
  let pool: ReturnType<typeof startScoringPool>;
  const errors: Error[] = [];
  beforeAll(() => {
    pool = startScoringPool({
      size: 1,
      rulesDir: "rules",
      reputationDir: "rules/reputation",
      entry: "lib/pipeline/__fixtures__/slow-scoring-worker.ts",
      budgetMs: BUDGET_MS,
      watchdogMs: WATCHDOG_MS,
      onError: (e) => errors.push(e),
    });
    useScoringPool(pool);
  });
  afterAll(async () => {
    useScoringPool(undefined);
    await pool.close();
  });

  const ingest = async (batch: unknown[]) => {
    const body = JSON.stringify(batch);
    const started = Date.now();
    const response = await org.call(eventsRoute.POST, "POST", "/api/v1/events", batch);
    return { ...response, ms: Date.now() - started, bytes: body.length };
  };
  const marks = async (prefix: string) => {
    const rows = await org.db.prisma.event.groupBy({
      by: ["scoringIncomplete"],
      where: { orgId: org.orgId, eventId: { startsWith: `${prefix}-` } },
      _count: true,
    });
    return Object.fromEntries(rows.map((r) => [String(r.scoringIncomplete), r._count]));
  };

  it("stores a batch whose detectors are slow, the events past the budget marked time_budget, within the budget plus slack", async () => {
    // 50 ms an event, a 300 ms budget: about six are scored, the rest are stored unscored.
    const { status, body, ms, bytes } = await ingest(events("slow", 200, (i) => `SLOW-DETECTOR ${i}`, 200));
    expect(bytes).toBeGreaterThan(POOL_MIN_BYTES);
    expect(status).toBe(202);
    expect(body).toMatchObject({ accepted: 200, rejected: [] });
    expect(ms).toBeLessThan(BUDGET_MS + SLACK_MS);
    const counts = await marks("slow");
    expect(counts.time_budget).toBeGreaterThan(150);
    expect(counts.null).toBeGreaterThan(0);
    expect(counts.time_budget + counts.null).toBe(200);
  });

  it("stops a worker stuck in one event, stores its whole batch marked watchdog, and scores the next batch in the replacement", async () => {
    const batch = events("stuck", 150, (i) => (i === 75 ? "STUCK-FOREVER" : `normal ${i}`), 300);
    const { status, body, ms, bytes } = await ingest(batch);
    expect(bytes).toBeGreaterThan(POOL_MIN_BYTES);
    expect(status).toBe(202);
    expect(body).toMatchObject({ accepted: 150, rejected: [] });
    expect(ms).toBeLessThan(WATCHDOG_MS + SLACK_MS);
    expect(await marks("stuck")).toEqual({ watchdog: 150 });
    expect(errors.map((e) => e.name)).toContain("WatchdogError");
    expect(pool.available()).toBe(true);
    const next = await ingest([
      ...events("after", 150, (i) => `normal ${i}`, 300),
      { event: { id: "after-sqli" }, url: { original: "/?id=1' or '1'='1" } },
    ]);
    expect(next).toMatchObject({ status: 202, body: { accepted: 151 } });
    expect(await marks("after")).toEqual({ null: 151 });
  }, 30_000);

  it("scores a small body inline whatever its number of events (one threshold, in bytes), and shows the marks in the events API", async () => {
    // The fixture's detectors are slow; inline the real ones run: nothing is left unscored.
    const batch = events("small", 120, (i) => `SLOW-DETECTOR ${i}`);
    const { status, body, bytes } = await ingest(batch);
    expect(bytes).toBeLessThan(POOL_MIN_BYTES);
    expect(status).toBe(202);
    expect(body.accepted).toBe(120);
    expect(await marks("small")).toEqual({ null: 120 });
    const listed = await org.call(eventsRoute.GET, "GET", "/api/v1/events?limit=500");
    const marked = listed.body.items.filter((e: { scoringIncomplete: string | null }) => e.scoringIncomplete);
    expect(new Set(marked.map((e: { scoringIncomplete: string }) => e.scoringIncomplete))).toEqual(
      new Set(["watchdog", "time_budget"]),
    );
  }, 30_000);

  it("the log test of a pasted event the detectors get stuck on answers, unscored and saying so, within the watchdog's time plus slack", async () => {
    const started = Date.now();
    const { status, body } = await org.call(scoreRoute.POST, "POST", "/api/v1/score", [
      { url: { original: "/?id=1' or '1'='1" } },
      { message: "STUCK-FOREVER" },
    ]);
    expect(Date.now() - started).toBeLessThan(WATCHDOG_MS + SLACK_MS);
    expect(status).toBe(200);
    expect(body.results.map((r: { incomplete?: string }) => r.incomplete)).toEqual(["watchdog", "watchdog"]);
    const next = await org.call(scoreRoute.POST, "POST", "/api/v1/score", [{ url: { original: "/?id=1' or '1'='1" } }]);
    expect(next.body.results[0].incomplete).toBeUndefined();
    expect(next.body.results[0].detections.map((d: { category: string }) => d.category)).toContain("sqli");
  }, 30_000);
});
