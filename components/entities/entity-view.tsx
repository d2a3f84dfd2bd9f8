"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/time";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { entityProfile } from "@/lib/entities/profile.ts";

type Profile = Awaited<ReturnType<typeof entityProfile>>;

const tick = { fill: "var(--color-muted)", fontSize: 11 };

/** An IP, user or host: risk now and over time, alerts, recent events, block status. */
export function EntityView({ type, value }: { type: string; value: string }) {
  const query = useQuery({
    queryKey: queryKeys.entities.detail(type, value),
    queryFn: () => requestJson<Profile>("GET", `/api/v1/entities/${type}/${encodeURIComponent(value)}`),
    refetchInterval: 15_000,
    retry: retryServerErrors,
  });
  if (query.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (query.isError) return <FormError error={query.error} />;
  const p = query.data;
  const history = p.history.map((h) => ({
    ...h,
    label: new Date(h.at).toLocaleString(undefined, {
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }),
  }));

  return (
    <div className="flex flex-col gap-5">
      <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
        <section
          aria-label="Risk now"
          className="flex flex-col justify-between rounded-xl border border-border bg-surface p-4"
        >
          <span className="text-xs text-muted">Risk score now</span>
          <span className="font-mono text-4xl font-semibold" data-testid="risk-score">
            {p.risk.score}
          </span>
          <span className="text-xs text-muted">
            {p.risk.points} points, half-life {p.risk.halfLifeMinutes} min
          </span>
          <div className="mt-2 flex flex-wrap gap-1">
            {p.risk.categories.map((c) => (
              <Badge key={c}>{c}</Badge>
            ))}
          </div>
          {p.block && (
            <p className="mt-2 text-sm text-danger">
              Blocked until {formatDateTime(p.block.expiresAt)}: {p.block.reason}
            </p>
          )}
        </section>
        <section aria-label="Risk history" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="mb-2 text-sm font-semibold">Risk over the last 7 days</h2>
          {history.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted">No detection has named this entity.</p>
          ) : (
            <ResponsiveContainer width="100%" height={200}>
              <LineChart data={history} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                <CartesianGrid stroke="var(--color-border)" vertical={false} />
                <XAxis dataKey="label" tick={tick} minTickGap={32} />
                <YAxis domain={[0, 100]} tick={tick} />
                <Tooltip
                  contentStyle={{
                    background: "var(--color-surface-2)",
                    border: "1px solid var(--color-border)",
                    fontSize: 12,
                  }}
                />
                <Line dataKey="score" stroke="var(--color-sev-high)" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          )}
        </section>
      </div>
      <section aria-label="Alerts" className="rounded-xl border border-border bg-surface p-4">
        <h2 className="text-sm font-semibold">Alerts ({p.alerts.length})</h2>
        <ul className="mt-2 flex flex-col">
          {p.alerts.map((a) => (
            <li key={a.id} className="flex items-center gap-3 border-t border-border py-1.5 text-sm">
              <SeverityBadge severity={a.severity} />
              <Link href={`/alerts/${a.id}`} className="min-w-0 flex-1 truncate hover:underline">
                {a.title}
              </Link>
              <span className="text-xs text-muted">{a.status.replace("_", " ")}</span>
              <span className="text-xs text-muted">{formatDateTime(a.lastSeenAt)}</span>
            </li>
          ))}
          {p.alerts.length === 0 && <li className="py-4 text-sm text-muted">No alerts.</li>}
        </ul>
      </section>
      <section aria-label="Recent events" className="rounded-xl border border-border bg-surface p-4">
        <h2 className="text-sm font-semibold">Recent events</h2>
        <ul className="mt-2 flex flex-col font-mono text-xs">
          {p.events.map((e) => (
            <li key={e.id} className="truncate border-t border-border py-1">
              <span className="text-muted">{formatDateTime(e.timestamp)}</span> {e.module ?? ""} {e.action ?? ""}{" "}
              {e.outcome ?? ""} {e.message ?? e.url ?? ""}
            </li>
          ))}
          {p.events.length === 0 && <li className="py-4 text-sm text-muted">No events.</li>}
        </ul>
      </section>
    </div>
  );
}
