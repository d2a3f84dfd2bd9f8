// The hard-benign corpus (eval/benign/*.txt, written by the SecureNet team): one value a line that
// a real user or program sends and that looks like an attack to a careless detector (apostrophes,
// SQL-ish English, code in documentation, markup in comments, non-Latin text, paths, URLs). Each
// value goes in every placement, raw and percent-encoded; any detection on it is a false positive.
import fs from "node:fs";
import path from "node:path";
import { PLACEMENTS, placedEvent, type Encoding, type Placement } from "./placements.ts";

export interface BenignValue {
  file: string;
  line: number;
  value: string;
}

/** Every non-blank line of the .txt files of `dir`, as it is (no comment syntax: any line is a value). */
export function readBenign(dir: string): BenignValue[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .flatMap((file) =>
      fs
        .readFileSync(path.join(dir, file), "utf8")
        .split(/\r?\n/)
        .map((value, i) => ({ file, line: i + 1, value }))
        .filter((v) => v.value.trim() !== ""),
    );
}

/** The benign values are sent raw and as a client encodes them. */
export const BENIGN_ENCODINGS: Encoding[] = ["none", "percent"];

export interface BenignFiring {
  value: BenignValue;
  placement: Placement;
  encoding: Encoding;
  /** "detector-id (category)" of what fired. */
  detections: string[];
}

export interface BenignReport {
  /** "placement/encoding" -> sent, fired. */
  cells: Map<string, { sent: number; fired: number }>;
  /** Values that fired in at least one cell, of all values. */
  valuesFired: number;
  values: number;
  firings: BenignFiring[];
}

export function runBenign(
  values: BenignValue[],
  fire: (event: Record<string, unknown>) => { id: string; category: string }[],
): BenignReport {
  const report: BenignReport = { cells: new Map(), valuesFired: 0, values: values.length, firings: [] };
  for (const value of values) {
    let fired = false;
    for (const placement of PLACEMENTS)
      for (const encoding of BENIGN_ENCODINGS) {
        const detections = fire(placedEvent(placement, encoding, value.value)!);
        const key = `${placement}/${encoding}`;
        const cell = report.cells.get(key) ?? { sent: 0, fired: 0 };
        report.cells.set(key, cell);
        cell.sent += 1;
        if (detections.length) {
          cell.fired += 1;
          fired = true;
          report.firings.push({
            value,
            placement,
            encoding,
            detections: [...new Set(detections.map((d) => `${d.id} (${d.category})`))],
          });
        }
      }
    if (fired) report.valuesFired += 1;
  }
  return report;
}
