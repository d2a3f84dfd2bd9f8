// Alert severity from its 0-100 score (../shared/CONTRACT.md "Alerts and scores").
export type Severity = "low" | "medium" | "high" | "critical";

export function severityOf(score: number): Severity {
  if (score >= 90) return "critical";
  if (score >= 70) return "high";
  if (score >= 40) return "medium";
  return "low";
}
