// The hard-benign reader takes every non-blank line as a value, and the shipped corpus is large
// enough to measure a 1% aim; the run counts firings per placement.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENIGN_ENCODINGS, readBenign, runBenign } from "./benign.ts";
import { PLACEMENTS } from "./placements.ts";

describe("readBenign", () => {
  it("reads every non-blank line of the .txt files, # and // lines included, with file and line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "benign-"));
    fs.writeFileSync(path.join(dir, "b.txt"), "# Heading in Markdown\n\n// a code comment\r\nplain\n");
    fs.writeFileSync(path.join(dir, "a.txt"), "first\n");
    fs.writeFileSync(path.join(dir, "README.md"), "not values\n");
    expect(readBenign(dir)).toEqual([
      { file: "a.txt", line: 1, value: "first" },
      { file: "b.txt", line: 1, value: "# Heading in Markdown" },
      { file: "b.txt", line: 3, value: "// a code comment" },
      { file: "b.txt", line: 4, value: "plain" },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ships at least 600 distinct values", () => {
    const values = readBenign(path.resolve(import.meta.dirname, "../../eval/benign"));
    expect(values.length).toBeGreaterThanOrEqual(600);
    expect(new Set(values.map((v) => v.value)).size).toBeGreaterThan(values.length * 0.98);
  });
});

describe("runBenign", () => {
  it("sends each value in every placement, raw and percent-encoded, and lists what fired", () => {
    const values = [
      { file: "x.txt", line: 1, value: "calm" },
      { file: "x.txt", line: 2, value: "noisy" },
    ];
    const report = runBenign(values, (event) =>
      JSON.stringify(event).includes("noisy") && (event as { user_agent?: unknown }).user_agent
        ? [{ id: "stub", category: "other" }]
        : [],
    );
    expect(report.values).toBe(2);
    expect(report.valuesFired).toBe(1);
    expect([...report.cells.values()].reduce((n, c) => n + c.sent, 0)).toBe(
      2 * PLACEMENTS.length * BENIGN_ENCODINGS.length,
    );
    expect(report.cells.get("user_agent/none")).toEqual({ sent: 2, fired: 1 });
    expect(report.firings.map((f) => `${f.placement}/${f.encoding}`)).toEqual([
      "user_agent/none",
      "user_agent/percent",
    ]);
    expect(report.firings[0]!.detections).toEqual(["stub (other)"]);
  });
});
