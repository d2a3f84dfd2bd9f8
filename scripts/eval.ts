// `npm run eval -- [--crs DIR] [--patt DIR] [--sigma DIR] [--paranoia N] [--part tuned|measured|all]
// [--sample N] [--workers N] [--by-class] [--disable ID,PREFIX*] [--misses]`: detection quality as
// Markdown tables. Always our own labelled corpus (eval/corpus) and hard-benign corpus
// (eval/benign); with --crs, OWASP CRS go-ftw regression tests read from DIR, split into tuned and
// measured-only rule files (lib/eval/split.ts); with --patt, PayloadsAllTheThings lists in every
// placement × encoding (on --workers threads, one per core by default); with --sigma, how many rules
// of a Sigma folder load, and why the others do not. --disable leaves detections out by id (a new
// analyzer measured alone). --misses lists misses of the tuned part only: the measured part is
// reported as counts, never cases (see lib/eval/patt-run.ts for why).
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DetectorErrorTally, type DetectorErrorCount } from "@/lib/detection/detector-error-tally.ts";
import { loadSigmaDirectory } from "@/lib/detection/sigma-engine/index.ts";
import type { ParanoiaLevel } from "@/lib/detection/verdict.ts";
import { readBenign, runBenign } from "@/lib/eval/benign.ts";
import { readCorpus } from "@/lib/eval/corpus.ts";
import { readCrs, type CrsCase } from "@/lib/eval/crs.ts";
import { crsLabelled, crsPart, siblingTally, splitTable } from "@/lib/eval/crs-report.ts";
import { categoriesFired, detectionsOf, excludeDetections, measure, pct, table } from "@/lib/eval/measure.ts";
import { readPatt } from "@/lib/eval/patt.ts";
import { benignTable, matrixTable, pattClassTable } from "@/lib/eval/patt-report.ts";
import { runPattParallel } from "@/lib/eval/patt-parallel.ts";
import { runPatt } from "@/lib/eval/patt-run.ts";
import { CELLS } from "@/lib/eval/placements.ts";
import type { Part } from "@/lib/eval/split.ts";

const { values } = parseArgs({
  options: {
    crs: { type: "string" },
    patt: { type: "string" },
    part: { type: "string", default: "all" },
    sample: { type: "string", default: "500" },
    "by-class": { type: "boolean", default: false },
    disable: { type: "string", default: "" },
    workers: { type: "string" },
    sigma: { type: "string" },
    paranoia: { type: "string", default: "1" },
    misses: { type: "boolean", default: false },
  },
});
const paranoia = Number(values.paranoia) as ParanoiaLevel;
if (![1, 2, 3, 4].includes(paranoia)) throw new Error("--paranoia must be 1-4");
if (!["tuned", "measured", "all"].includes(values.part)) throw new Error("--part must be tuned, measured or all");
const parts: Part[] = values.part === "all" ? ["tuned", "measured"] : [values.part as Part];
const sample = Number(values.sample);
if (!Number.isInteger(sample) || sample < 0) throw new Error("--sample must be a whole number (0: every line)");
const disabled = values.disable
  .split(",")
  .map((id) => id.trim())
  .filter(Boolean);
excludeDetections(disabled);
const root = path.resolve(import.meta.dirname, "..");
const shipped = loadSigmaDirectory(path.join(root, "rules")).rules;
/** Detectors that threw on a case: they did not fire there, so the rates below understate them. */
const detectorErrors = new DetectorErrorTally();
/** The same, counted in the PATT worker threads. */
const workerErrors: DetectorErrorCount[] = [];

function ownCorpusSection(): string {
  const cases = readCorpus(path.join(root, "eval/corpus"));
  const rows = measure(cases, shipped, paranoia, (c) => (c as { note?: string }).note ?? "", detectorErrors);
  const out = [
    table(rows, `Our labelled corpus (eval/corpus, paranoia level ${paranoia})`),
    "",
    "False positives on benign count any detection at all.",
  ];
  if (values.misses) {
    for (const r of rows) {
      if (r.misses.length) out.push(`- missed ${r.group}: ${r.misses.join(" | ")}`);
      if (r.falseAlarms.length) out.push(`- fired on ${r.group}: ${r.falseAlarms.join(" | ")}`);
    }
  }
  return out.join("\n");
}

function crsRows(cases: CrsCase[], level: ParanoiaLevel = paranoia) {
  return measure(crsLabelled(cases), shipped, level, (c) => (c as unknown as { id: string }).id, detectorErrors);
}

function crsSection(dir: string): string {
  const all = readCrs(dir);
  // The combined tables read only the parts asked for (both by default).
  const cases = all.filter((c) => parts.includes(crsPart(c)));
  const pl1 = cases.filter((c) => c.paranoia === 1);
  const ofPart = (list: CrsCase[], part: Part) => list.filter((c) => crsPart(c) === part);
  const split = (list: CrsCase[], title: string) =>
    splitTable(title, crsRows(ofPart(list, "tuned")), crsRows(ofPart(list, "measured")), parts);
  const siblings = siblingTally(cases, (c) => categoriesFired(c.event, shipped, paranoia) ?? new Set());
  const out = [
    split(
      pl1,
      `OWASP CRS regression tests, rules of paranoia level 1: tuned vs measured-only rule files (engine at paranoia ${paranoia})`,
    ),
    "",
    split(
      cases,
      `OWASP CRS regression tests, all rules: tuned vs measured-only rule files (engine at paranoia ${paranoia})`,
    ),
    "",
    `Negatives that are attacks of a sibling rule (no_expect_ids of one rule, expect_ids of another; not counted as false positives): fired ${siblings.fired}/${siblings.of}.`,
    "",
    table(
      crsRows(pl1),
      `OWASP CRS regression tests, rules of paranoia level 1 (${pl1.length} tests; engine at paranoia ${paranoia}; parts: ${parts.join(", ")})`,
    ),
    "",
    table(
      crsRows(cases),
      `OWASP CRS regression tests, all rules (${cases.length} tests; engine at paranoia ${paranoia}; parts: ${parts.join(", ")})`,
    ),
    "",
    "A test of a rule that expects it to fire is an attack of the folder's class, detected when a detection of that class fires; a test that expects the rule not to fire (and no other rule to fire) is a negative, a false positive when a detection of that class fires. The part of a test is its rule file's (lib/eval/split.ts); the gap is tuned minus measured, in points.",
  ];
  out.push("", paranoiaSweep(cases));
  if (values.misses) {
    // Tuned rule files only: the measured part stays unread (counts above, never cases).
    for (const r of crsRows(ofPart(pl1, "tuned"))) {
      if (r.misses.length) out.push(`- missed ${r.group} (tuned): ${r.misses.join(" ")}`);
      if (r.falseAlarms.length) out.push(`- fired on negatives of ${r.group} (tuned): ${r.falseAlarms.join(" ")}`);
    }
  }
  return out.join("\n");
}

const LEVELS: ParanoiaLevel[] = [1, 2, 3, 4];

/** All CRS rules measured with the engine at each paranoia level, and how much of our own benign corpus fires at each. */
function paranoiaSweep(cases: CrsCase[]): string {
  const byLevel = LEVELS.map((level) => crsRows(cases, level));
  const benign = readCorpus(path.join(root, "eval/corpus")).filter((c) => c.classes === "benign");
  const benignRows = LEVELS.map((level) => measure(benign, shipped, level, undefined, detectorErrors)[0]);
  return [
    "### OWASP CRS regression tests, all rules, by the engine's paranoia level (TP rate / FP rate on the negatives)",
    "",
    `| Class | ${LEVELS.map((l) => `Paranoia ${l}`).join(" | ")} |`,
    `|---|${LEVELS.map(() => "---:").join("|")}|`,
    ...byLevel[0]!.map(
      (row, i) =>
        `| ${row.group} | ${byLevel.map((rows) => `${pct(rows[i]!.detected, rows[i]!.positives)} / ${pct(rows[i]!.falsePositives, rows[i]!.negatives)}`).join(" | ")} |`,
    ),
    `| our benign corpus, events that fire | ${benignRows.map((r) => `${r?.falsePositives ?? 0} of ${r?.negatives ?? 0}`).join(" | ")} |`,
  ].join("\n");
}

function sigmaSection(dir: string): string {
  const { rules, errors } = loadSigmaDirectory(dir);
  const total = rules.length + errors.length;
  return [
    `### Sigma rules in ${path.relative(process.cwd(), dir) || dir}`,
    "",
    `Loaded ${rules.length} of ${total} (${((100 * rules.length) / Math.max(1, total)).toFixed(1)}%).`,
    ...(errors.length
      ? [
          "",
          "| Rule | File | Why it does not load |",
          "|---|---|---|",
          ...errors.map((e) => `| ${e.ruleId ?? "?"} | ${path.basename(e.source)} | ${e.reason} |`),
        ]
      : []),
  ].join("\n");
}

const fired = (event: Record<string, unknown>) =>
  categoriesFired(event, shipped, paranoia, detectorErrors.sink("patt")) ?? new Set<string>();

async function pattSection(dir: string): Promise<string> {
  const lists = readPatt(dir, sample).filter((l) => parts.includes(l.part));
  const started = performance.now();
  const workers = values.workers === undefined ? os.availableParallelism() : Number(values.workers);
  let report;
  if (workers > 1) {
    const job = { paranoia, disabled, rulesDir: path.join(root, "rules") };
    const result = await runPattParallel(job, lists, workers);
    report = result.report;
    workerErrors.push(...result.errors);
  } else report = runPatt(lists, fired);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const payloads = lists.reduce((n, l) => n + l.lines.length, 0);
  const total = lists.reduce((n, l) => n + l.total, 0);
  const tooLong = lists.reduce((n, l) => n + l.tooLong, 0);
  const out = [
    pattClassTable(report, parts),
    "",
    `${lists.length} lists, ${payloads} payloads measured of ${total} payload lines` +
      (report.sampled
        ? ` (sampled: at most ${sample} evenly spread lines per list, the same every run; --sample 0 measures all)`
        : "") +
      `; ${tooLong} lines over 4 KB skipped; ${seconds} s on ${Math.max(1, workers)} thread(s). "caught": a detection of the payload's class fires; classes without a category of their own count any detection. "any attack fires": any detection at all.`,
  ];
  for (const part of parts)
    out.push("", matrixTable(`Placement × encoding, ${part} lists, all classes: caught`, report.matrix[part]));
  if (values["by-class"])
    for (const part of parts)
      for (const [label, cells] of [...report.classMatrix[part].entries()].sort(([a], [b]) => a.localeCompare(b)))
        out.push("", matrixTable(`Placement × encoding, ${part} lists, ${label}: caught`, cells));
  if (values.misses) {
    // Tuned lists only (runPatt never records a measured list's payloads): the ones missed most first.
    if (!parts.includes("tuned")) out.push("", "Misses are listed for tuned lists only; the measured part is counts.");
    else {
      out.push("", `Missed payloads of tuned lists (cells missed of ${CELLS.length}), worst first:`);
      for (const m of [...report.misses].sort((a, b) => b.missed - a.missed).slice(0, 200))
        out.push(`- ${m.missed} ${m.file}: ${JSON.stringify(m.payload)}`);
    }
  }
  return out.join("\n");
}

function benignSection(): string {
  const report = runBenign(readBenign(path.join(root, "eval/benign")), (event) =>
    (detectionsOf(event, shipped, paranoia, detectorErrors.sink("benign")) ?? []).map((d) => ({
      id: d.id,
      category: d.category,
    })),
  );
  const out = [benignTable(report)];
  if (values.misses)
    for (const f of report.firings)
      out.push(
        `- fired ${f.placement}/${f.encoding} ${f.value.file}:${f.value.line} ${JSON.stringify(f.value.value)}: ${f.detections.join(", ")}`,
      );
  return out.join("\n");
}

const sections = [
  ...(disabled.length ? [`Detections left out of every table (--disable): ${disabled.join(", ")}.`] : []),
  ownCorpusSection(),
  benignSection(),
];
if (values.crs) sections.push(crsSection(path.resolve(values.crs)));
if (values.patt) sections.push(await pattSection(path.resolve(values.patt)));
if (values.sigma) sections.push(sigmaSection(path.resolve(values.sigma)));
console.log(sections.join("\n\n"));
for (const { detector, count, error, eventId } of [...detectorErrors.list(), ...workerErrors]) {
  console.error(`detector ${detector} threw on ${count} cases (first: ${eventId}): ${error}`);
  process.exitCode = 1;
}
