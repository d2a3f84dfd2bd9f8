// Detector errors are counted per detector, and logged at most once a minute per detector with
// the number of errors the line stands for.
import { Writable } from "node:stream";
import client from "prom-client";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log.ts";
import { countDetectorErrors, detectorErrorReporter } from "./detector-errors.ts";
import { metrics } from "./registry.ts";

function setup() {
  const registry = new client.Registry();
  const counter = new client.Counter({
    name: "test_detector_errors_total",
    help: "test",
    labelNames: ["detector"] as const,
    registers: [registry],
  });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    "info",
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  let clock = 0;
  const report = detectorErrorReporter({ counter: () => counter, log: () => log, now: () => clock });
  const counted = async (detector: string) =>
    (await counter.get()).values.find((v) => v.labels.detector === detector)?.value ?? 0;
  return { report, lines, counted, advance: (ms: number) => (clock += ms) };
}

const error = (detector: string, count = 1, eventId?: string) => ({
  detector,
  count,
  error: "TypeError: x",
  ...(eventId && { eventId }),
});

describe("detector error reporting", () => {
  it("counts every error by detector and logs one warn line naming the detector and the event", async () => {
    const { report, lines, counted } = setup();
    report([error("sn-sqli-union", 3, "ev-1"), error("rule-1")]);
    expect(await counted("sn-sqli-union")).toBe(3);
    expect(await counted("rule-1")).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 40,
      detector: "sn-sqli-union",
      eventId: "ev-1",
      error: "TypeError: x",
      errorsSinceLastLine: 3,
    });
    expect(lines[0]!.msg).toContain("sn-sqli-union");
    expect(lines[0]!.msg).toContain("ev-1");
    expect(lines[1]).toMatchObject({ detector: "rule-1", errorsSinceLastLine: 1 });
  });

  it("writes at most one line per detector per minute, then says how many errors it stands for", async () => {
    const { report, lines, counted, advance } = setup();
    for (let i = 0; i < 500; i++) {
      report([error("sn-always-throws", 2, `ev-${i}`)]);
      advance(100);
    }
    // 50 s of errors: one line, and every error counted.
    expect(lines).toHaveLength(1);
    expect(await counted("sn-always-throws")).toBe(1000);
    report([error("other-rule")]);
    expect(lines).toHaveLength(2);
    advance(10_000);
    report([error("sn-always-throws", 1, "ev-late")]);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ detector: "sn-always-throws", eventId: "ev-late", errorsSinceLastLine: 999 });
  });

  it("the process's reporter counts in the registry GET /metrics serves", async () => {
    const before = (await metrics().detectorErrors.get()).values.find(
      (v) => v.labels.detector === "test-process",
    )?.value;
    countDetectorErrors([error("test-process", 2)]);
    expect(await metrics().registry.getSingleMetricAsString("securenet_detector_errors_total")).toContain(
      `securenet_detector_errors_total{detector="test-process"} ${(before ?? 0) + 2}`,
    );
  });
});
