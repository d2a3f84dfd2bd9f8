// CRS cases become measure() cases without the sibling-rule attacks, which are tallied on their own.
import { describe, expect, it } from "vitest";
import type { CrsCase } from "./crs.ts";
import { crsLabelled, crsPart, siblingTally, splitTable } from "./crs-report.ts";
import type { Row } from "./measure.ts";

const crsCase = (over: Partial<CrsCase>): CrsCase => ({
  ruleId: 942100,
  folder: "REQUEST-942-APPLICATION-ATTACK-SQLI",
  testId: "942100-1",
  attack: false,
  sibling: false,
  paranoia: 1,
  event: { url: { original: "/" } },
  ...over,
});

describe("CRS cases", () => {
  it("labels attacks with the folder's classes, negatives as benign, and leaves sibling attacks out", () => {
    const cases = [crsCase({ attack: true }), crsCase({}), crsCase({ sibling: true })];
    const labelled = crsLabelled(cases);
    expect(labelled.map((c) => c.classes)).toEqual([["sqli"], "benign"]);
    expect(labelled[0]!.group).toBe("942 SQL injection");
    expect(crsPart(cases[0]!)).toBe("tuned");
    expect(crsPart(crsCase({ ruleId: 942120 }))).toBe("measured");
  });

  it("counts sibling attacks a detection of the folder's class fired on", () => {
    const cases = [crsCase({ sibling: true, testId: "a" }), crsCase({ sibling: true, testId: "b" }), crsCase({})];
    expect(siblingTally(cases, (c) => new Set(c.testId === "a" ? ["sqli"] : ["xss"]))).toEqual({ fired: 1, of: 2 });
  });

  it("prints tuned and measured rates side by side with the gap in points", () => {
    const row = (detected: number, positives: number): Row => ({
      group: "942 SQL injection",
      positives,
      detected,
      negatives: 10,
      falsePositives: 1,
      anyOnNegatives: 1,
      misses: [],
      falseAlarms: [],
    });
    const out = splitTable("t", [row(9, 10)], [row(5, 10)], ["tuned", "measured"]);
    expect(out).toContain("| 942 SQL injection | 9/10 | 90.0% | 10.0% | 5/10 | 50.0% | 10.0% | 40.0 | 0.0 |");
    expect(splitTable("t", [row(9, 10)], [], ["tuned"])).not.toContain("Measured");
  });
});
