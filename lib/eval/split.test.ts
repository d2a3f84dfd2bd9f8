// The tuned / measured split is fixed by the file's name: the same on every run and machine, and the
// measured-only files the helpers were told about stay measured-only.
import { describe, expect, it } from "vitest";
import { partOf } from "./split.ts";

const MEASURED_CRS = [
  "921120",
  "921160",
  "921200",
  "921421",
  "921422",
  "930110",
  "932160",
  "932171",
  "932207",
  "932231",
  "932240",
  "932281",
  "932300",
  "932311",
  "932340",
  "932371",
  "933100",
  "933111",
  "933130",
  "933153",
  "933210",
  "933220",
  "934101",
  "934110",
  "934190",
  "941100",
  "941181",
  "941210",
  "941220",
  "941270",
  "941280",
  "941310",
  "941370",
  "941400",
  "942120",
  "942140",
  "942160",
  "942190",
  "942210",
  "942230",
  "942251",
  "942270",
  "942320",
  "942361",
  "942362",
  "942370",
  "942421",
  "942460",
  "942480",
  "942510",
  "942522",
  "942540",
  "944140",
  "944151",
  "944300",
];

describe("partOf", () => {
  it("keeps the announced measured-only CRS rule files measured", () => {
    for (const id of MEASURED_CRS) expect(partOf(id), id).toBe("measured");
  });

  it("puts other rule files and lists in the tuned part", () => {
    for (const id of ["942100", "941110", "932230", "930100"]) expect(partOf(id), id).toBe("tuned");
    expect(partOf("SQL Injection/Intruder/Auth_Bypass.txt")).toBe("tuned");
    expect(partOf("SQL Injection/Intruder/Generic_UnionSelect.txt")).toBe("measured");
    expect(partOf("XSS Injection/Intruders/xss_alert.txt")).toBe("measured");
  });

  it("is stable: the same key gives the same part, and about a third is measured", () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `key-${i}`);
    expect(keys.map(partOf)).toEqual(keys.map(partOf));
    const measured = keys.filter((k) => partOf(k) === "measured").length / keys.length;
    expect(measured).toBeGreaterThan(0.28);
    expect(measured).toBeLessThan(0.39);
  });
});
