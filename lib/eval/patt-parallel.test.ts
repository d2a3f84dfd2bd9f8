// Sharing the lists between threads and merging their tallies gives what one thread counts.
import { describe, expect, it } from "vitest";
import type { PattList } from "./patt.ts";
import { mergeReports, shareLists } from "./patt-parallel.ts";
import { runPatt } from "./patt-run.ts";

const list = (file: string, lines: string[], part: "tuned" | "measured"): PattList => ({
  file,
  folder: file.split("/")[0]!,
  part,
  lines,
  total: lines.length,
  tooLong: 0,
});

const lists = [
  list("SQL Injection/Intruder/a.txt", ["x'", "y", "z'"], "tuned"),
  list("SQL Injection/Intruder/b.txt", ["w'"], "measured"),
  list("XSS Injection/Intruders/c.txt", ["<u>", "v"], "tuned"),
  list("LDAP Injection/Intruder/d.txt", ["q"], "measured"),
];
const fire = (event: Record<string, unknown>) => {
  const text = JSON.stringify(event);
  return new Set([...(text.includes("'") ? ["sqli"] : []), ...(text.includes("<u>") ? ["xss"] : [])]);
};

describe("shareLists", () => {
  it("deals every list once, balancing payloads", () => {
    const shares = shareLists(lists, 2);
    expect(
      shares
        .flat()
        .map((l) => l.file)
        .sort(),
    ).toEqual(lists.map((l) => l.file).sort());
    expect(shares.map((s) => s.reduce((n, l) => n + l.lines.length, 0))).toEqual([4, 3]);
    expect(shareLists(lists, 10)).toHaveLength(4);
  });
});

describe("mergeReports", () => {
  it("adds up the shares' reports to the single-thread report", () => {
    const whole = runPatt(lists, fire);
    const merged = mergeReports(shareLists(lists, 3).map((share) => runPatt(share, fire)));
    expect(merged.byClass).toEqual(whole.byClass);
    expect(merged.matrix).toEqual(whole.matrix);
    expect(merged.classMatrix.tuned.get("sqli")).toEqual(whole.classMatrix.tuned.get("sqli"));
    expect(merged.misses.map((m) => m.payload).sort()).toEqual(whole.misses.map((m) => m.payload).sort());
  });
});
