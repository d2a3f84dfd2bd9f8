"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { FormError } from "@/components/ui/form-error";
import { AlertFeed } from "@/components/alerts/alert-feed";
import { useLiveStats } from "@/components/live/live-alerts";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { AlertsOverTime, EventsOverTime, OpenBySeverity } from "./charts";
import { KpiCard } from "./kpi-card";
import { fetchOverview, formatDuration, type Overview, type StatsWindow } from "./overview-api";

const WINDOWS: StatsWindow[] = ["1h", "24h", "7d"];

function Card({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="rounded-xl border border-border bg-surface p-4" aria-label={title}>
      <header className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold">{title}</h2>
        {action}
      </header>
      {children}
    </section>
  );
}

function RankList({ items, empty }: { items: { key: string; label: ReactNode; value: ReactNode }[]; empty: string }) {
  if (!items.length) return <p className="py-6 text-center text-sm text-muted">{empty}</p>;
  return (
    <ol className="flex flex-col">
      {items.map((item) => (
        <li
          key={item.key}
          className="flex h-8 items-center justify-between gap-3 border-b border-border text-sm last:border-0"
        >
          <span className="min-w-0 truncate">{item.label}</span>
          <span className="shrink-0 font-mono text-xs whitespace-nowrap tabular-nums text-muted">{item.value}</span>
        </li>
      ))}
    </ol>
  );
}

const entityLink = (type: string, value: string) => (
  <Link className="font-mono hover:underline" href={`/entities/${type}/${encodeURIComponent(value)}`}>
    {value}
  </Link>
);

/** The analyst's overview: KPIs, charts and the live feed; numbers follow the live feed. */
export function OverviewDashboard() {
  const [window, setWindow] = useState<StatsWindow>("24h");
  const stats = useLiveStats();
  const query = useQuery({
    queryKey: queryKeys.overview.window(window),
    queryFn: () => fetchOverview(window),
    refetchInterval: 15_000,
    retry: retryServerErrors,
    placeholderData: (previous) => previous,
  });
  const data: Overview | undefined = query.data;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-center justify-end gap-1" role="group" aria-label="Time window">
        {WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            aria-pressed={window === w}
            onClick={() => setWindow(w)}
            className={`h-8 rounded-md px-3 text-sm ${window === w ? "bg-accent text-accent-fg" : "border border-border text-muted hover:text-fg"}`}
          >
            {w}
          </button>
        ))}
      </div>
      {query.isError && <FormError error={query.error} />}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard label="Open alerts" value={stats?.openAlerts ?? data?.openAlerts.total ?? "…"} />
        <KpiCard label="Critical open" value={data?.openAlerts.bySeverity.critical ?? "…"} />
        <KpiCard label="Events / min" value={stats?.eventsPerMinute ?? data?.eventsPerMinute ?? "…"} />
        <KpiCard label="Failed sign-ins (1h)" value={data?.failedSignInsLastHour ?? "…"} />
        <KpiCard
          label="MTTA"
          value={data ? formatDuration(data.mttaSeconds) : "…"}
          hint={`mean to acknowledge · ${window}`}
        />
        <KpiCard
          label="MTTR"
          value={data ? formatDuration(data.mttrSeconds) : "…"}
          hint={`mean to resolve · ${window}`}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card
            title="Live alerts"
            action={
              <Link className="text-xs text-accent hover:underline" href="/alerts">
                All alerts
              </Link>
            }
          >
            <AlertFeed height={440} />
          </Card>
        </div>
        <Card title="Open alerts by severity">
          {data ? <OpenBySeverity data={data} /> : <div className="h-[220px]" />}
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Alerts raised (${window})`}>
          {data ? <AlertsOverTime data={data} /> : <div className="h-[220px]" />}
        </Card>
        <Card title={`Events received (${window})`}>
          {data ? <EventsOverTime data={data} /> : <div className="h-[220px]" />}
        </Card>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Riskiest source IPs">
          <RankList
            items={(data?.topIps ?? []).map((e) => ({
              key: e.value,
              label: entityLink("ip", e.value),
              value: `risk ${e.score}`,
            }))}
            empty="No risky addresses."
          />
        </Card>
        <Card title="Riskiest users">
          <RankList
            items={(data?.topUsers ?? []).map((e) => ({
              key: e.value,
              label: entityLink("user", e.value),
              value: `risk ${e.score}`,
            }))}
            empty="No risky users."
          />
        </Card>
        <Card title={`Top rules (${window})`}>
          <RankList
            items={(data?.topRules ?? []).map((r) => ({
              key: r.ruleId,
              label: (
                <Link
                  className={r.title ? "hover:underline" : "font-mono text-xs hover:underline"}
                  title={r.ruleId}
                  href={`/alerts?rule=${encodeURIComponent(r.ruleId)}`}
                >
                  {r.title ?? r.ruleId}
                </Link>
              ),
              value: `${r.alerts} alerts · ${r.events} events`,
            }))}
            empty="No rule fired."
          />
        </Card>
      </div>
    </div>
  );
}
