// The vocabulary covers what the code and the shipped rules actually say, and its derived sets
// agree with the lists they come from.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAYLOAD_DETECTORS } from "@/lib/detection/payloads/index.ts";
import { severityOf } from "@/lib/detection/severity.ts";
import { loadSigmaDirectory } from "@/lib/detection/sigma-engine/index.ts";
import { THRESHOLD_RULES } from "@/lib/detection/threshold-rules.ts";
import {
  ALERT_DISPOSITIONS,
  ALERT_STATUSES,
  ATTACK_TECHNIQUES,
  CLOSED_ALERT_STATUSES,
  OPEN_ALERT_STATUSES,
  SEVERITIES,
  SEVERITY_MIN_SCORE,
  SEVERITY_RANK,
  attackTechniqueName,
  attackTechniqueUrl,
  closingAlertStatus,
  isClosedAlertStatus,
} from "./vocabulary.ts";

describe("severities", () => {
  it("bands a score by the contract's minimums, each band one contiguous run", () => {
    const bands = Array.from({ length: 101 }, (_, score) => severityOf(score));
    expect(bands.indexOf("medium")).toBe(40);
    expect(bands.indexOf("high")).toBe(70);
    expect(bands.indexOf("critical")).toBe(90);
    expect(SEVERITIES.map((s) => bands.indexOf(s))).toEqual(SEVERITIES.map((s) => SEVERITY_MIN_SCORE[s]));
    expect([-5, 39.9, 89.99, 1000, Number.NaN].map(severityOf)).toEqual(["low", "low", "high", "critical", "low"]);
  });

  it("ranks them in their listed order", () => {
    expect(SEVERITY_RANK).toEqual({ low: 0, medium: 1, high: 2, critical: 3 });
  });
});

describe("alert statuses", () => {
  it("are each open or closed, never both", () => {
    expect([...OPEN_ALERT_STATUSES, ...CLOSED_ALERT_STATUSES].sort()).toEqual([...ALERT_STATUSES].sort());
    expect(OPEN_ALERT_STATUSES).toEqual(["new", "acknowledged", "in_progress"]);
    expect(ALERT_STATUSES.filter(isClosedAlertStatus)).toEqual(["resolved", "false_positive"]);
    expect(isClosedAlertStatus("closed")).toBe(false);
  });

  it("close a false positive as false_positive and any other disposition as resolved", () => {
    expect(ALERT_DISPOSITIONS.map(closingAlertStatus)).toEqual(["resolved", "false_positive", "resolved", "resolved"]);
    expect(ALERT_DISPOSITIONS.map(closingAlertStatus).every(isClosedAlertStatus)).toBe(true);
  });
});

describe("ATT&CK techniques", () => {
  it("name every technique of our detectors, threshold rules and shipped Sigma rules", () => {
    const { rules } = loadSigmaDirectory(path.resolve(import.meta.dirname, "../rules"));
    const used = new Set([
      ...PAYLOAD_DETECTORS.flatMap((d) => (d.technique ? [d.technique] : [])),
      ...THRESHOLD_RULES.map((r) => r.technique),
      ...rules.flatMap((r) => r.techniques),
    ]);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((id) => !attackTechniqueName(id))).toEqual([]);
    // Every entry is in use: the table is what the product says, not a copy of ATT&CK.
    expect(Object.keys(ATTACK_TECHNIQUES).filter((id) => !used.has(id))).toEqual([]);
  });

  it("link a sub-technique to its page", () => {
    expect(attackTechniqueUrl("T1059.004")).toBe("https://attack.mitre.org/techniques/T1059/004/");
    expect(attackTechniqueUrl("T1190")).toBe("https://attack.mitre.org/techniques/T1190/");
    expect(attackTechniqueName("T9999")).toBeUndefined();
  });
});
