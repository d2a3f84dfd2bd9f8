import type { Severity } from "@/lib/vocabulary.ts";

export type { Severity };

const STYLES: Record<Severity, string> = {
  low: "border-sev-low/40 bg-sev-low/10 text-sev-low",
  medium: "border-sev-medium/40 bg-sev-medium/10 text-sev-medium",
  high: "border-sev-high/40 bg-sev-high/10 text-sev-high",
  critical: "border-sev-critical/40 bg-sev-critical/10 text-sev-critical",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-flex items-center rounded border px-1.5 font-mono text-xs leading-5 capitalize ${STYLES[severity]}`}
    >
      {severity}
    </span>
  );
}
