// The CRS regression tests as labelled cases (class by rule folder, part by rule file) and the
// tuned-vs-measured table: the same rates on the rule files detectors may be tuned on and on those
// only ever measured, side by side, with the gap between them.
import type { Category } from "@/lib/detection/types.ts";
import type { CrsCase } from "./crs.ts";
import { emptyRow, pct, type Labelled, type Row } from "./measure.ts";
import { partOf, type Part } from "./split.ts";

export const CRS_CLASSES: Record<string, { label: string; classes: Category[] }> = {
  "913": { label: "913 scanner", classes: ["scanner"] },
  "921": { label: "921 protocol (LDAP, mod_proxy SSRF)", classes: ["protocol", "ldap_injection", "other", "ssrf"] },
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

export function crsClassOf(c: CrsCase): { label: string; classes: Category[] } {
  return CRS_CLASSES[c.folder.slice(8, 11)] ?? { label: c.folder, classes: ["other"] };
}

export const crsPart = (c: CrsCase): Part => partOf(String(c.ruleId));

/** Attacks and hard negatives as measure() cases (sibling-rule attacks are left out: see siblingTally). */
export function crsLabelled(cases: CrsCase[]): (Labelled & { negativeFor: Category[]; id: string })[] {
  return cases
    .filter((c) => !c.sibling)
    .map((c) => {
      const cls = crsClassOf(c);
      return {
        classes: c.attack ? cls.classes : ("benign" as const),
        negativeFor: cls.classes,
        group: cls.label,
        event: c.event,
        id: c.testId,
      };
    });
}

/** no_expect_ids tests whose input another rule must catch: how many a detection of the folder's class fired on. */
export function siblingTally(cases: CrsCase[], fired: (c: CrsCase) => Set<string>): { fired: number; of: number } {
  const siblings = cases.filter((c) => c.sibling);
  return {
    fired: siblings.filter((c) => {
      const got = fired(c);
      return crsClassOf(c).classes.some((k) => got.has(k));
    }).length,
    of: siblings.length,
  };
}

const points = (a: number, b: number, d1: number, d2: number) =>
  d1 === 0 || d2 === 0 ? "–" : `${((100 * a) / d1 - (100 * b) / d2).toFixed(1)}`;

/** One row per class: TP and FP rates on the tuned and on the measured rule files, and the gap (tuned − measured, in points). */
export function splitTable(title: string, tuned: Row[], measured: Row[], parts: Part[]): string {
  const groups = [...new Set([...tuned, ...measured].map((r) => r.group))].sort();
  const sum = (rows: Row[]) =>
    rows.reduce(
      (t, r) => ({
        ...t,
        positives: t.positives + r.positives,
        detected: t.detected + r.detected,
        negatives: t.negatives + r.negatives,
        falsePositives: t.falsePositives + r.falsePositives,
      }),
      emptyRow(""),
    );
  const rowOf = (rows: Row[], g: string) => rows.find((r) => r.group === g) ?? emptyRow(g);
  const both = parts.length === 2;
  const cells = (t: Row, m: Row) => [
    ...(parts.includes("tuned")
      ? [`${t.detected}/${t.positives}`, pct(t.detected, t.positives), pct(t.falsePositives, t.negatives)]
      : []),
    ...(parts.includes("measured")
      ? [`${m.detected}/${m.positives}`, pct(m.detected, m.positives), pct(m.falsePositives, m.negatives)]
      : []),
    ...(both
      ? [
          points(t.detected, m.detected, t.positives, m.positives),
          points(t.falsePositives, m.falsePositives, t.negatives, m.negatives),
        ]
      : []),
  ];
  const head = [
    ...(parts.includes("tuned") ? ["Tuned: caught", "TP rate", "FP rate"] : []),
    ...(parts.includes("measured") ? ["Measured: caught", "TP rate", "FP rate"] : []),
    ...(both ? ["TP gap (points)", "FP gap (points)"] : []),
  ];
  return [
    `### ${title}`,
    "",
    `| Class | ${head.join(" | ")} |`,
    `|---|${head.map(() => "---:").join("|")}|`,
    ...groups.map((g) => `| ${g} | ${cells(rowOf(tuned, g), rowOf(measured, g)).join(" | ")} |`),
    `| **all** | ${cells(sum(tuned), sum(measured)).join(" | ")} |`,
  ].join("\n");
}
