// Detector errors reach this process's counter and log, whether the batch was scored inline or in
// a scoring worker (whose errors travel back with its answer: the worker's own registry is not
// the one GET /metrics serves).
import { Writable } from "node:stream";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { PAYLOAD_DETECTORS } from "@/lib/detection/payloads/index.ts";
import { createLogger, logger, setLogger } from "@/lib/log.ts";
import { metrics } from "@/lib/metrics/registry.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import { scoreEvents } from "./score-events.ts";
import { startScoringPool } from "./start-scoring-pool.ts";
import { validateEvents } from "./validate-events.ts";

const STARTUP_MS = 30_000;
/** The rule __fixtures__/throwing-scoring-worker.ts breaks (importing it would start a worker's loop here). */
const BROKEN_RULE_ID = "test-broken-rule-in-worker";

const counted = async (detector: string) =>
  (await metrics().detectorErrors.get()).values.find((v) => v.labels.detector === detector)?.value ?? 0;

const batch = (prefix: string, n: number, message: (i: number) => string) =>
  validateEvents(
    Array.from({ length: n }, (_, i) => ({
      value: {
        event: { id: `${prefix}-${i}` },
        message: message(i),
        url: { original: `/p?id=1' union select ${i}--` },
        http: { request: { method: "GET" } },
      },
    })),
  ).valid;

const ruleset = { paranoia: 1 as const, sigma: [], reputation: [], disabled: new Set<string>(), suppressions: [] };

const original = logger();
const lines: Record<string, unknown>[] = [];
setLogger(
  createLogger(
    "info",
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  ),
);
afterAll(() => setLogger(original));
afterEach(() => vi.restoreAllMocks());

describe("detector errors are counted in this process", () => {
  it("inline: every event a detector threw on is counted, one warn line names it and the first event", async () => {
    const union = PAYLOAD_DETECTORS.find((d) => d.id === "sn-sqli-union")!;
    vi.spyOn(union, "match").mockImplementation(() => {
      throw new Error("broken detector");
    });
    const before = await counted("sn-sqli-union");
    const events = batch("inline", 5, () => "hello");
    // Inline scoring touches neither the database nor the windows: no pool, this process's logger.
    const deps = { scoringPool: undefined, log: logger() } as Pick<PipelineDeps, "scoringPool" | "log"> as PipelineDeps;
    const { fired } = await scoreEvents(deps, events, ruleset, [], { isolate: false });
    expect(await counted("sn-sqli-union")).toBe(before + 5);
    // The other detectors still fired on each event.
    for (const detections of fired) expect(detections.map((d) => d.id)).toContain("sn-sqli-quote-breakout");
    expect(lines.filter((l) => l.detector === "sn-sqli-union")).toMatchObject([
      { level: 40, eventId: "inline-0", errorsSinceLastLine: 5 },
    ]);
  });

  it(
    "in a scoring worker: the errors come back with the answer",
    async () => {
      const pool = startScoringPool({
        size: 1,
        rulesDir: "rules",
        reputationDir: "rules/reputation",
        entry: "lib/pipeline/__fixtures__/throwing-scoring-worker.ts",
      });
      try {
        const text = JSON.stringify(
          Array.from({ length: 6 }, (_, i) => ({
            event: { id: `worker-${i}` },
            message: i % 2 ? "BREAK-RULE" : "fine",
            url: { original: `/p?id=1' union select ${i}--` },
          })),
        );
        const scored = await pool.score({
          text,
          contentType: "application/json",
          now: new Date(),
          paranoia: 1,
          custom: [],
        });
        expect(await counted(BROKEN_RULE_ID)).toBe(3);
        for (const detections of scored.fired) expect(detections.map((d) => d.id)).toContain("sn-sqli-union");
        expect(lines.filter((l) => l.detector === BROKEN_RULE_ID)).toMatchObject([{ eventId: "worker-1" }]);
      } finally {
        await pool.close();
      }
    },
    STARTUP_MS,
  );
});
