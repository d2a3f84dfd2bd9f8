// Markdown for the PATT and hard-benign measurements: per class tuned vs measured, the placement ×
// encoding matrix, and the benign corpus's firings per placement.
import type { BenignReport } from "./benign.ts";
import { BENIGN_ENCODINGS } from "./benign.ts";
import { pct } from "./measure.ts";
import { cellKey, type PattReport, type Tally } from "./patt-run.ts";
import { ENCODINGS, PLACEMENTS } from "./placements.ts";
import type { Part } from "./split.ts";

const gap = (a: Tally | undefined, b: Tally | undefined) =>
  a?.cells && b?.cells ? ((100 * a.caught) / a.cells - (100 * b.caught) / b.cells).toFixed(1) : "–";

export function pattClassTable(report: PattReport, parts: Part[]): string {
  const both = parts.length === 2;
  const head = [
    ...parts.flatMap((p) => [`${p}: lists / payloads`, `${p}: caught`, `${p}: any attack fires`]),
    ...(both ? ["gap (points)"] : []),
  ];
  const rows = [...report.byClass.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = (part: Part): Tally & { lists: number; payloads: number } =>
    rows.reduce(
      (t, [, byPart]) => {
        const x = byPart[part];
        return x
          ? {
              cells: t.cells + x.cells,
              caught: t.caught + x.caught,
              any: t.any + x.any,
              lists: t.lists + x.lists,
              payloads: t.payloads + x.payloads,
            }
          : t;
      },
      { cells: 0, caught: 0, any: 0, lists: 0, payloads: 0 },
    );
  const cells = (byPart: Partial<Record<Part, Tally & { lists: number; payloads: number }>>) => [
    ...parts.flatMap((p) => {
      const t = byPart[p];
      return t ? [`${t.lists} / ${t.payloads}`, pct(t.caught, t.cells), pct(t.any, t.cells)] : ["0 / 0", "–", "–"];
    }),
    ...(both ? [gap(byPart.tuned, byPart.measured)] : []),
  ];
  return [
    "### PayloadsAllTheThings lists, every payload × placement × encoding: caught (a detection of its class fires)",
    "",
    `| Class | ${head.join(" | ")} |`,
    `|---|${head.map(() => "---:").join("|")}|`,
    ...rows.map(([label, byPart]) => `| ${label} | ${cells(byPart).join(" | ")} |`),
    `| **all** | ${cells({ tuned: total("tuned"), measured: total("measured") }).join(" | ")} |`,
  ].join("\n");
}

/** Rate caught per placement (rows) and encoding (columns); "–" where the encoding does not apply. */
export function matrixTable(title: string, cells: Map<string, Tally>): string {
  const rate = (t: Tally | undefined) => (t ? pct(t.caught, t.cells) : "–");
  return [
    `### ${title}`,
    "",
    `| Placement | ${ENCODINGS.join(" | ")} | all |`,
    `|---|${ENCODINGS.map(() => "---:").join("|")}|---:|`,
    ...PLACEMENTS.map((p) => {
      const row = ENCODINGS.map((e) => cells.get(cellKey(p, e)));
      const all = row.reduce((t, c) => (c ? { cells: t.cells + c.cells, caught: t.caught + c.caught } : t), {
        cells: 0,
        caught: 0,
      });
      return `| ${p} | ${row.map(rate).join(" | ")} | ${pct(all.caught, all.cells)} |`;
    }),
    `| all | ${ENCODINGS.map((e) => {
      const col = PLACEMENTS.map((p) => cells.get(cellKey(p, e))).filter((c): c is Tally => Boolean(c));
      return col.length
        ? pct(
            col.reduce((n, c) => n + c.caught, 0),
            col.reduce((n, c) => n + c.cells, 0),
          )
        : "–";
    }).join(" | ")} | |`,
  ].join("\n");
}

export function benignTable(report: BenignReport): string {
  const rows = PLACEMENTS.map((p) => {
    const cells = BENIGN_ENCODINGS.map((e) => report.cells.get(`${p}/${e}`) ?? { sent: 0, fired: 0 });
    const sent = cells.reduce((n, c) => n + c.sent, 0);
    const fired = cells.reduce((n, c) => n + c.fired, 0);
    return `| ${p} | ${cells.map((c) => `${c.fired} (${pct(c.fired, c.sent)})`).join(" | ")} | ${pct(fired, sent)} |`;
  });
  const all = [...report.cells.values()].reduce((t, c) => ({ sent: t.sent + c.sent, fired: t.fired + c.fired }), {
    sent: 0,
    fired: 0,
  });
  return [
    `### Hard-benign corpus (eval/benign, ${report.values} values × ${PLACEMENTS.length} placements × ${BENIGN_ENCODINGS.length} encodings): requests where anything fires`,
    "",
    `| Placement | ${BENIGN_ENCODINGS.join(" | ")} | fires |`,
    `|---|${BENIGN_ENCODINGS.map(() => "---:").join("|")}|---:|`,
    ...rows,
    `| **all** | | | ${all.fired} of ${all.sent} (${pct(all.fired, all.sent)}) |`,
    "",
    `Values that fire in at least one placement: ${report.valuesFired} of ${report.values} (${pct(report.valuesFired, report.values)}). Aim: at most 1% of requests.`,
  ].join("\n");
}
