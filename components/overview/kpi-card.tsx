import type { ReactNode } from "react";

/** One headline number; fixed height so live updates never move the page. */
export function KpiCard({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="flex h-24 flex-col justify-between rounded-xl border border-border bg-surface px-4 py-3">
      <span className="text-xs font-medium text-muted">{label}</span>
      <span className="font-mono text-2xl font-semibold tabular-nums" data-kpi={label}>
        {value}
      </span>
      {hint && (
        <span className="truncate text-[11px] text-muted" title={hint}>
          {hint}
        </span>
      )}
    </div>
  );
}
