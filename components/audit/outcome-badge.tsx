const STYLES: Record<string, string> = {
  success: "border-success/40 bg-success/10 text-success",
  failure: "border-danger/40 bg-danger/10 text-danger",
  denied: "border-sev-high/40 bg-sev-high/10 text-sev-high",
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span
      className={`inline-flex items-center rounded border px-1.5 font-mono text-xs leading-5 ${STYLES[outcome] ?? "border-border text-muted"}`}
    >
      {outcome}
    </span>
  );
}
