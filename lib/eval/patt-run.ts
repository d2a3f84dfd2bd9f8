// Runs the PATT lists through the placement × encoding matrix and tallies, per class and part,
// how many (payload, cell) pairs were caught. The engine is passed in (`fire`), so this stays a
// counting loop that tests can drive with a stub.
import { caughtBy, pattClass, type PattList } from "./patt.ts";
import { CELLS, type Encoding, type Placement, placedEvent } from "./placements.ts";
import type { Part } from "./split.ts";

export interface Tally {
  /** (payload, cell) pairs measured. */
  cells: number;
  /** ... where a detection of the payload's class fired. */
  caught: number;
  /** ... where any detection fired (the looser column). */
  any: number;
}

export interface ClassTally extends Tally {
  lists: number;
  payloads: number;
  /** Payload lines in those lists before sampling. */
  total: number;
  tooLong: number;
}

export interface PattMiss {
  file: string;
  payload: string;
  /** Cells it was missed in, of all cells. */
  missed: number;
  of: number;
}

export interface PattReport {
  /** class label -> part -> tally. */
  byClass: Map<string, Partial<Record<Part, ClassTally>>>;
  /** part -> "placement/encoding" -> tally, all classes together. */
  matrix: Record<Part, Map<string, Tally>>;
  /** part -> class label -> "placement/encoding" -> tally. */
  classMatrix: Record<Part, Map<string, Map<string, Tally>>>;
  /** Payloads of TUNED lists missed in some cell. Never filled for measured lists: see runPatt. */
  misses: PattMiss[];
  sampled: boolean;
}

export const cellKey = (placement: Placement, encoding: Encoding) => `${placement}/${encoding}`;

const empty = (): Tally => ({ cells: 0, caught: 0, any: 0 });

function add(map: Map<string, Tally>, key: string, caught: boolean, any: boolean) {
  const t = map.get(key) ?? empty();
  map.set(key, t);
  t.cells += 1;
  if (caught) t.caught += 1;
  if (any) t.any += 1;
}

/**
 * Every payload of every list in every cell. Misses are kept for tuned lists only, on purpose:
 * the measured lists are there to tell whether a design generalizes, and that only holds while
 * nobody reads their cases (a miss printed is a pattern someone will write against it). Their
 * counts are all anyone gets.
 */
export function runPatt(lists: PattList[], fire: (event: Record<string, unknown>) => Set<string>): PattReport {
  const report: PattReport = {
    byClass: new Map(),
    matrix: { tuned: new Map(), measured: new Map() },
    classMatrix: { tuned: new Map(), measured: new Map() },
    misses: [],
    sampled: lists.some((l) => l.lines.length < l.total),
  };
  for (const list of lists) {
    const cls = pattClass(list.folder);
    const parts = report.byClass.get(cls.label) ?? {};
    report.byClass.set(cls.label, parts);
    const tally: ClassTally = parts[list.part] ?? { ...empty(), lists: 0, payloads: 0, total: 0, tooLong: 0 };
    parts[list.part] = tally;
    tally.lists += 1;
    tally.payloads += list.lines.length;
    tally.total += list.total;
    tally.tooLong += list.tooLong;
    const classCells = report.classMatrix[list.part].get(cls.label) ?? new Map<string, Tally>();
    report.classMatrix[list.part].set(cls.label, classCells);
    for (const payload of list.lines) {
      let missed = 0;
      for (const { placement, encoding } of CELLS) {
        const fired = fire(placedEvent(placement, encoding, payload)!);
        const caught = caughtBy(cls, fired);
        const key = cellKey(placement, encoding);
        tally.cells += 1;
        if (caught) tally.caught += 1;
        if (fired.size > 0) tally.any += 1;
        add(report.matrix[list.part], key, caught, fired.size > 0);
        add(classCells, key, caught, fired.size > 0);
        if (!caught) missed += 1;
      }
      if (missed && list.part === "tuned") report.misses.push({ file: list.file, payload, missed, of: CELLS.length });
    }
  }
  return report;
}
