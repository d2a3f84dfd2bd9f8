// Browser calls for the overview dashboard.
import { requestJson } from "@/components/ui/api-client";
import type { overview, StatsWindow } from "@/lib/stats/overview.ts";
import type { Severity } from "@/lib/vocabulary.ts";

export type Overview = Awaited<ReturnType<typeof overview>>;
export type { StatsWindow };

export const fetchOverview = (window: StatsWindow) =>
  requestJson<Overview>("GET", `/api/v1/stats/overview?window=${window}`);

export const SEVERITY_COLORS = {
  low: "var(--color-sev-low)",
  medium: "var(--color-sev-medium)",
  high: "var(--color-sev-high)",
  critical: "var(--color-sev-critical)",
} as const satisfies Record<Severity, string>;

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
