// The simulator's benign traffic is hard on purpose (quotes, SQL-ish words, shell snippets in
// reviews), and the demo must not cry wolf: none of it may trip a payload detector.
import { describe, expect, it } from "vitest";
import { detectPayloads } from "@/lib/detection/payloads/index.ts";
import { validateEvents } from "@/lib/pipeline/validate-events.ts";
import { TrafficGenerator } from "./traffic.ts";

describe("simulated traffic", () => {
  it("raises no payload detection on its benign events", () => {
    const traffic = new TrafficGenerator({ seed: 11, attackShare: 0, idPrefix: "t" });
    const { valid, rejected } = validateEvents(traffic.batch(3_000).map((value) => ({ value })));
    expect(rejected).toEqual([]);
    const fired = valid.flatMap((event) => detectPayloads(event).map((d) => `${d.id}: ${d.reason}`));
    expect(fired).toEqual([]);
  });

  it("carries attacks the payload detectors find", () => {
    const traffic = new TrafficGenerator({ seed: 11, attackShare: 1, idPrefix: "a" });
    const { valid } = validateEvents(traffic.batch(500).map((value) => ({ value })));
    const detected = valid.filter((event) => detectPayloads(event).length > 0).length;
    expect(detected).toBeGreaterThan(100);
  });
});
