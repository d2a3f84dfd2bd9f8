// `npm run eval -- [--crs DIR] [--sigma DIR] [--paranoia N]`: detection quality as Markdown tables.
// Always our own labelled corpus (eval/corpus); with --crs, OWASP CRS go-ftw regression tests read
// from DIR; with --sigma, how many rules of a Sigma folder load, and why the others do not.
import path from "node:path";
import { parseArgs } from "node:util";
import { DetectorErrorTally } from "@/lib/detection/detector-error-tally.ts";
import { loadSigmaDirectory } from "@/lib/detection/sigma-engine/index.ts";
import type { Category } from "@/lib/detection/types.ts";
import type { ParanoiaLevel } from "@/lib/detection/verdict.ts";
import { readCorpus } from "@/lib/eval/corpus.ts";
import { readCrs, type CrsCase } from "@/lib/eval/crs.ts";
import { measure, pct, table } from "@/lib/eval/measure.ts";

const { values } = parseArgs({
  options: {
    crs: { type: "string" },
    sigma: { type: "string" },
    paranoia: { type: "string", default: "1" },
    misses: { type: "boolean", default: false },
  },
});
const paranoia = Number(values.paranoia) as ParanoiaLevel;
if (![1, 2, 3, 4].includes(paranoia)) throw new Error("--paranoia must be 1-4");
const root = path.resolve(import.meta.dirname, "..");
const shipped = loadSigmaDirectory(path.join(root, "rules")).rules;
/** Detectors that threw on a case: they did not fire there, so the rates below understate them. */
const detectorErrors = new DetectorErrorTally();

const CRS_CLASSES: Record<string, { label: string; classes: Category[] }> = {
  "913": { label: "913 scanner", classes: ["scanner"] },
  "921": { label: "921 protocol (LDAP, mod_proxy SSRF)", classes: ["protocol", "other", "ssrf"] },
  "930": { label: "930 path traversal / LFI", classes: ["path_traversal"] },
  "931": { label: "931 RFI", classes: ["rfi"] },
  "932": { label: "932 OS command injection", classes: ["command_injection"] },
  "933": { label: "933 PHP injection", classes: ["php_injection"] },
  "934": {
    label: "934 generic (Node, Python, SSRF…)",
    classes: ["ssrf", "java_injection", "command_injection", "php_injection", "xss", "other"],
  },
  "941": { label: "941 XSS", classes: ["xss"] },
  "942": { label: "942 SQL injection", classes: ["sqli"] },
  "943": { label: "943 session fixation", classes: ["other"] },
  "944": { label: "944 Java", classes: ["java_injection"] },
};

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
  return measure(
    cases.map((c) => {
      const cls = CRS_CLASSES[c.folder.slice(8, 11)] ?? { label: c.folder, classes: ["other" as Category] };
      return {
        classes: c.attack ? cls.classes : ("benign" as const),
        negativeFor: cls.classes,
        group: cls.label,
        event: c.event,
        id: c.testId,
      };
    }),
    shipped,
    level,
    (c) => (c as unknown as { id: string }).id,
    detectorErrors,
  );
}

function crsSection(dir: string): string {
  const cases = readCrs(dir);
  const pl1 = cases.filter((c) => c.paranoia === 1);
  const out = [
    table(
      crsRows(pl1),
      `OWASP CRS regression tests, rules of paranoia level 1 (${pl1.length} tests; engine at paranoia ${paranoia})`,
    ),
    "",
    table(
      crsRows(cases),
      `OWASP CRS regression tests, all rules (${cases.length} tests; engine at paranoia ${paranoia})`,
    ),
    "",
    "A test of a rule that expects it to fire is an attack of the folder's class, detected when a detection of that class fires; a test that expects the rule not to fire is a negative, a false positive when a detection of that class fires.",
  ];
  out.push("", paranoiaSweep(cases));
  if (values.misses) {
    for (const r of crsRows(pl1)) {
      if (r.misses.length) out.push(`- missed ${r.group}: ${r.misses.join(" ")}`);
      if (r.falseAlarms.length) out.push(`- fired on negatives of ${r.group}: ${r.falseAlarms.join(" ")}`);
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

const sections = [ownCorpusSection()];
if (values.crs) sections.push(crsSection(path.resolve(values.crs)));
if (values.sigma) sections.push(sigmaSection(path.resolve(values.sigma)));
console.log(sections.join("\n\n"));
for (const { detector, count, error, eventId } of detectorErrors.list()) {
  console.error(`detector ${detector} threw on ${count} cases (first: ${eventId}): ${error}`);
  process.exitCode = 1;
}
