// Issue 18, finding 5: one event with long runs of CR/LF in the referrer, a header or the cookie
// held the whole server for seconds (8.5 s for 30 KB) while the built-in detectors backtracked.
// Scored through the real verdict (payload detectors and the shipped Sigma rules) at every
// paranoia level, such an event now takes milliseconds; the bound below is far above that cost
// and far below what the patterns took before.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ecsEventSchema, expandDottedKeys } from "@/lib/pipeline/ecs.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { loadSigmaDirectory } from "./sigma-engine/index.ts";
import { verdictOf, type ParanoiaLevel, type Ruleset } from "./verdict.ts";

const sigma = loadSigmaDirectory(path.resolve(import.meta.dirname, "../../rules")).rules;
const ruleset = (paranoia: ParanoiaLevel): Ruleset => ({
  paranoia,
  sigma,
  reputation: [],
  disabled: new Set(),
  suppressions: [],
});

const CRLF = "\r\n".repeat(15_000);
const hostile = {
  url: { original: "/" },
  http: {
    request: {
      method: "GET",
      referrer: `https://example.com/${CRLF}x`,
      cookie: `a=${CRLF}x; b=\n${CRLF}`,
      headers: { "x-note": `a${CRLF}x`, "x-other": `;${CRLF}` },
    },
  },
};

function scoredIn(raw: Record<string, unknown>, paranoia: ParanoiaLevel) {
  const event = normalizeEvent(ecsEventSchema.parse(expandDottedKeys(raw)), new Date(0));
  const started = performance.now();
  const verdict = verdictOf(event, ruleset(paranoia));
  return { ms: performance.now() - started, verdict };
}

describe("verdict on CR/LF runs (ReDoS, issue 18 finding 5)", () => {
  it.each([1, 2, 3, 4] as const)(
    "scores an event with 30 KB CR/LF runs in referrer, cookie and headers in well under a second (paranoia %i)",
    (paranoia) => {
      const { ms } = scoredIn(hostile, paranoia);
      expect(ms, `scoring took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
    },
  );

  it.each(["\r\n", "\n ", "<a ", "a", " ", "'", "/*", "${", ";", "(", "%0a", "&#"])(
    "scores an event with every field a run of %j, each as long as ingest lets it be, in well under a second",
    (unit) => {
      const run = (length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      const raw = {
        url: { original: `/${run(8000)}` },
        message: run(65_000),
        user_agent: { original: run(2048) },
        http: {
          request: {
            method: "POST",
            body: { content: run(65_000) },
            referrer: run(30_000),
            cookie: run(30_000),
            headers: { "x-note": run(30_000) },
          },
        },
      };
      const { ms } = scoredIn(raw, 4);
      expect(ms, `scoring took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
    },
  );

  it("still finds a header injection after a long CR/LF run", () => {
    const raw = {
      url: { original: "/" },
      http: { request: { method: "GET", headers: { "x-note": `a${"\r\n".repeat(500)}Set-Cookie: sid=1` } } },
    };
    expect(scoredIn(raw, 1).verdict.detections.map((d) => d.id)).toContain("sn-proto-header-injection");
  });
});
