// The pool's workers take the same steps as the request thread: for a mixed batch, and for an
// uploaded rule, what a worker reads, validates and fires is exactly what the request thread would.
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors.ts";
import { prepareEvents, validateEvents } from "@/lib/pipeline/validate-events.ts";
import { eventFields } from "@/lib/detection/event.ts";
import { parseEventsText } from "@/lib/pipeline/read-body.ts";
import { TrafficGenerator } from "@/lib/simulator/traffic.ts";
import { loadReputationDirectory } from "@/lib/detection/reputation.ts";
import { loadSigmaDirectory, parseSigmaRule, type SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { firedDetections } from "@/lib/detection/verdict.ts";
import { startScoringPool } from "./start-scoring-pool.ts";

const pool = startScoringPool({ size: 2, rulesDir: "rules", reputationDir: "rules/reputation" });
afterAll(() => pool.close());

const shipped = loadSigmaDirectory("rules").rules;
const reputation = loadReputationDirectory("rules/reputation").lists;
const uploaded = parseSigmaRule(
  `title: Test upload
id: 6d0c3a52-0f7e-4f0f-9d7a-3c1f7d1e2a10
logsource: { category: webserver }
detection:
  selection: { cs-uri-query|contains: pineapple-probe }
  condition: selection
level: high
`,
  "upload",
);
const custom = "rule" in uploaded ? [uploaded.rule] : [];

// A worker's first answer waits for it to start (tsx, the rules): generous limits for busy CI machines.
const STARTUP_MS = 30_000;

const job = (text: string, rules: readonly SigmaRule[] = custom, now = new Date()) => ({
  text,
  contentType: "application/json",
  now,
  paranoia: 1 as const,
  custom: rules,
});

describe("scoring pool", () => {
  it(
    "fires what inline scoring fires, event for event",
    async () => {
      const traffic = new TrafficGenerator({ seed: 11, attackShare: 0.3 });
      const items = [
        ...traffic.batch(400),
        {
          "@timestamp": new Date().toISOString(),
          url: { original: "/search?q=pineapple-probe" },
          http: { request: { method: "GET" } },
          source: { ip: "192.0.2.201" },
        },
      ];
      const { valid } = validateEvents(items.map((value) => ({ value })));
      const sigma: SigmaRule[] = [...shipped, ...custom];
      const inline = valid.map((event) => firedDetections(event, { paranoia: 1, sigma, reputation }));
      // Documents already normalized (a redone batch, the log test) score as they did the first time.
      const [first, second] = await Promise.all([
        pool.score(job(JSON.stringify(valid.map((e) => e.doc)))),
        pool.score(job(JSON.stringify(valid.slice(0, 200).map((e) => e.doc)))),
      ]);
      expect(first).toMatchObject({ fired: inline, unscored: [] });
      expect(second).toMatchObject({ fired: inline.slice(0, 200), unscored: [] });
      expect(inline.flat().length).toBeGreaterThan(50);
      expect(first.fired.at(-1)!.map((d) => d.id)).toEqual(
        expect.arrayContaining(["6d0c3a52-0f7e-4f0f-9d7a-3c1f7d1e2a10", "sn-reputation-demo-known-bad"]),
      );
    },
    STARTUP_MS,
  );

  it(
    "reads, validates and scores a whole body as the request thread would",
    async () => {
      const traffic = new TrafficGenerator({ seed: 12, attackShare: 0.3 });
      const text = JSON.stringify([...traffic.batch(300), { event: { outcome: "maybe" } }, "not an event"]);
      const now = new Date();
      const inline = prepareEvents(parseEventsText(text, "application/json"), now);
      const batch = await pool.score(job(text, custom, now));
      expect(batch.rows).toBe(inline.rows);
      expect(batch.rejected).toEqual(inline.rejected);
      expect(batch.rejected.map((r) => r.index)).toEqual([300, 301]);
      expect(batch.valid).toEqual(inline.valid.map(eventFields));
      expect(batch.unscored).toEqual([]);
      expect(batch.fired).toEqual(
        inline.valid.map((event) =>
          firedDetections(event, { paranoia: 1, sigma: [...shipped, ...custom], reputation }),
        ),
      );
      const refused = await pool.score(job("[{", [])).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ status: 400, errors: [{ path: "(root)", message: "invalid JSON" }] });
    },
    STARTUP_MS,
  );

  it(
    "answers with an error for a request it cannot read, and keeps serving",
    async () => {
      await expect(pool.score(job(undefined as unknown as string, []))).rejects.toThrow();
      const sqli = JSON.stringify([{ url: { original: "/?id=1' or '1'='1" }, http: { request: { method: "GET" } } }]);
      expect((await pool.score(job(sqli, []))).fired[0]!.map((d) => d.category)).toContain("sqli");
    },
    STARTUP_MS,
  );

  it(
    "gives up on a worker that keeps dying at start, and says so",
    async () => {
      const errors: Error[] = [];
      const broken = startScoringPool({
        size: 1,
        rulesDir: "rules",
        reputationDir: "rules/reputation",
        entry: "/nonexistent/scoring-worker.ts",
        onError: (e) => errors.push(e),
      });
      try {
        await expect.poll(() => broken.available(), { timeout: 20_000 }).toBe(false);
        expect(errors.length).toBe(3);
        await expect(broken.score(job('[{"url":{"original":"/"}}]', []))).rejects.toThrow("no scoring worker");
      } finally {
        await broken.close();
      }
    },
    STARTUP_MS,
  );
});
