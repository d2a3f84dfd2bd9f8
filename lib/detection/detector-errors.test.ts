// A detector or rule that throws is reported by its id through the caller's sink, and the event's
// other detectors still fire: a broken detector must be seen, not silently never fire.
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { PAYLOAD_DETECTORS } from "./payloads/index.ts";
import { loadSigmaDirectory, type SigmaRule } from "./sigma-engine/index.ts";
import type { DetectorError } from "./types.ts";
import { firedDetections } from "./verdict.ts";

const shipped = loadSigmaDirectory(path.resolve(import.meta.dirname, "../../rules")).rules;
const attack = (agent: string) =>
  normalizeEvent({
    url: { original: "/p?id=1%27%20union%20select%201,2--&q=2%27%20union%20select%203--" },
    http: { request: { method: "GET" } },
    user_agent: { original: agent },
  });

function fire(event: ReturnType<typeof attack>, sigma: SigmaRule[] = shipped) {
  const errors: DetectorError[] = [];
  const ids = firedDetections(event, { paranoia: 1, sigma, reputation: [] }, (e) => errors.push(e)).map((d) => d.id);
  return { ids, errors };
}

afterEach(() => vi.restoreAllMocks());

describe("detector errors", () => {
  it("reports a Sigma rule that throws by its id, and the other rules and detectors still fire", () => {
    const healthy = fire(attack("sqlmap/1.7"));
    expect(healthy.errors).toEqual([]);
    expect(healthy.ids).toContain("sn-sqli-union");
    const scannerRule = shipped.find((r) => healthy.ids.includes(r.id));
    expect(scannerRule).toBeDefined();

    const broken: SigmaRule = {
      ...shipped[0]!,
      id: "test-broken-rule",
      match: () => {
        throw new Error("broken matcher");
      },
    };
    const { ids, errors } = fire(attack("sqlmap/1.7"), [broken, ...shipped]);
    expect(ids).toEqual(healthy.ids);
    expect(errors).toEqual([{ detector: "test-broken-rule", error: new Error("broken matcher") }]);
  });

  it("reports a payload detector that throws once per event, by its id, and the others still fire", () => {
    const healthy = fire(attack("Mozilla/5.0"));
    expect(healthy.ids).toContain("sn-sqli-union");
    const union = PAYLOAD_DETECTORS.find((d) => d.id === "sn-sqli-union")!;
    const thrown = new TypeError("broken detector");
    const match = vi.spyOn(union, "match").mockImplementation(() => {
      throw thrown;
    });
    // The attack is in two parameters, so the detector throws twice: one report still.
    const { ids, errors } = fire(attack("Mozilla/5.0"));
    expect(match.mock.calls.length).toBeGreaterThan(1);
    expect(errors).toEqual([{ detector: "sn-sqli-union", error: thrown }]);
    expect(ids).toEqual(healthy.ids.filter((id) => id !== "sn-sqli-union"));
    expect(ids.length).toBeGreaterThan(0);
  });

  it("reports a detector that throws on a user agent on every event with that agent, though agents' verdicts are kept", () => {
    const union = PAYLOAD_DETECTORS.find((d) => d.id === "sn-sqli-union")!;
    vi.spyOn(union, "match").mockImplementation((input) => {
      if (input.field === "user_agent.original") throw new Error("agent breaks it");
      return null;
    });
    // An agent that looks like SQL, so SQL detectors read it; unique to this test (verdicts on an agent are cached).
    const agent = "x' union select detector-errors-test--";
    const first = fire(attack(agent));
    const second = fire(attack(agent));
    for (const { errors } of [first, second])
      expect(errors).toEqual([{ detector: "sn-sqli-union", error: new Error("agent breaks it") }]);
    expect(second.ids).toEqual(first.ids);
  });
});
