// Alert severity from its 0-100 score: the highest band whose minimum it reaches
// (../shared/CONTRACT.md "Alerts and scores"; the bands are in lib/vocabulary.ts).
import { SEVERITIES, SEVERITY_MIN_SCORE, type Severity } from "@/lib/vocabulary.ts";

export type { Severity };

const HIGHEST_FIRST = [...SEVERITIES].reverse();

export function severityOf(score: number): Severity {
  for (const severity of HIGHEST_FIRST) if (score >= SEVERITY_MIN_SCORE[severity]) return severity;
  return "low";
}
