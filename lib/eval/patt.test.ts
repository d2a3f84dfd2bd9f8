// Reading PATT-style lists (our own made-up lines in a temporary folder, never the corpus), the
// class of each folder, and the run's tallies and its rule that measured lists never yield cases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { caughtBy, isComment, MAX_LINE, pattClass, payloadLines, readPatt, sampleLines } from "./patt.ts";
import { runPatt } from "./patt-run.ts";
import { CELLS } from "./placements.ts";
import { partOf } from "./split.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

describe("payload lines", () => {
  it("drops blanks, comments, duplicates and over-long lines; keeps payloads that start with #", () => {
    const { lines, tooLong } = payloadLines(
      [
        "# a comment",
        "#Heading:",
        "#",
        "",
        "  ",
        "alpha",
        "alpha",
        "#'quote",
        '#">tag',
        "x".repeat(MAX_LINE + 1),
        "beta\r",
      ].join("\n"),
    );
    expect(lines).toEqual(["alpha", "#'quote", '#">tag', "beta"]);
    expect(tooLong).toBe(1);
    expect(isComment("# note")).toBe(true);
    expect(isComment("#1")).toBe(false);
  });

  it("samples evenly and deterministically, and 0 keeps every line", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `l${i}`);
    expect(sampleLines(lines, 4)).toEqual(["l0", "l25", "l50", "l75"]);
    expect(sampleLines(lines, 4)).toEqual(sampleLines(lines, 4));
    expect(sampleLines(lines, 0)).toBe(lines);
    expect(sampleLines(lines, 500)).toBe(lines);
  });
});

describe("pattClass", () => {
  it("maps folders to our categories", () => {
    expect(pattClass("SQL Injection").categories).toEqual(["sqli"]);
    expect(pattClass("XSS Injection").categories).toEqual(["xss"]);
    expect(pattClass("Command Injection").categories).toEqual(["command_injection"]);
    expect(pattClass("Directory Traversal").categories).toEqual(["path_traversal"]);
    expect(pattClass("File Inclusion").categories).toEqual(["path_traversal", "rfi"]);
    expect(pattClass("Server Side Request Forgery").categories).toEqual(["ssrf"]);
    expect(pattClass("Open Redirect").categories).toEqual(["open_redirect"]);
    expect(pattClass("LDAP Injection").categories).toEqual(["ldap_injection"]);
    expect(pattClass("CRLF Injection").categories).toEqual(["protocol"]);
    // No category of its own: any detection counts.
    expect(pattClass("Upload Insecure Files").categories).toBe("any");
    expect(pattClass("Server Side Template Injection").label).toBe("ssti");
  });

  it("counts a catch only for the class's categories, or for any detection where it has none", () => {
    expect(caughtBy(pattClass("SQL Injection"), new Set(["xss"]))).toBe(false);
    expect(caughtBy(pattClass("SQL Injection"), new Set(["sqli"]))).toBe(true);
    expect(caughtBy(pattClass("XXE Injection"), new Set(["xxe"]))).toBe(true);
    expect(caughtBy(pattClass("XXE Injection"), new Set(["other"]))).toBe(false);
    expect(caughtBy(pattClass("Upload Insecure Files"), new Set(["other"]))).toBe(true);
    expect(caughtBy(pattClass("Upload Insecure Files"), new Set())).toBe(false);
  });
});

describe("readPatt and runPatt", () => {
  write("SQL Injection/Intruder/made-up-a.txt", "' or 2>1 --\nplain words\n");
  write("SQL Injection/README.md", "# not a list\n");
  write("XSS Injection/Intruders/made-up-b.txt", "<i onclick=x()>\n");
  write("XSS Injection/Files/not-a-list.txt", "ignored\n");

  it("reads every Intruder/Intruders list with its class folder and part", () => {
    const lists = readPatt(dir);
    expect(lists.map((l) => l.file)).toEqual([
      "SQL Injection/Intruder/made-up-a.txt",
      "XSS Injection/Intruders/made-up-b.txt",
    ]);
    expect(lists[0]!.folder).toBe("SQL Injection");
    expect(lists[0]!.part).toBe(partOf("SQL Injection/Intruder/made-up-a.txt"));
    expect(lists[0]!.lines).toEqual(["' or 2>1 --", "plain words"]);
  });

  it("tallies every payload in every cell, and records misses of tuned lists only", () => {
    const lists = readPatt(dir).map((l, i) => ({ ...l, part: i === 0 ? ("tuned" as const) : ("measured" as const) }));
    // A stub engine: "sqli" fires when the event's text holds a quote, nothing else ever fires.
    const report = runPatt(lists, (event) => (JSON.stringify(event).includes("'") ? new Set(["sqli"]) : new Set()));
    const sql = report.byClass.get("sqli")!.tuned!;
    expect(sql.cells).toBe(2 * CELLS.length);
    expect(sql.payloads).toBe(2);
    expect(sql.caught).toBeGreaterThan(0);
    expect(report.byClass.get("xss")!.measured!.caught).toBe(0);
    expect(report.misses.length).toBeGreaterThan(0);
    expect(report.misses.every((m) => m.file.startsWith("SQL Injection/"))).toBe(true);
    expect([...report.matrix.measured.values()].reduce((n, t) => n + t.cells, 0)).toBe(CELLS.length);
  });
});
