"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SEVERITIES } from "@/lib/vocabulary.ts";
import { SEVERITY_COLORS, type Overview } from "./overview-api";

const tick = { fill: "var(--color-muted)", fontSize: 11 };
const tooltip = {
  contentStyle: {
    background: "var(--color-surface-2)",
    border: "1px solid var(--color-border)",
    borderRadius: 8,
    fontSize: 12,
  },
  labelStyle: { color: "var(--color-fg)" },
};

function label(iso: string, bucketSeconds: number) {
  const d = new Date(iso);
  return bucketSeconds >= 3600 * 4
    ? d.toLocaleString(undefined, { weekday: "short", hour: "2-digit" })
    : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function AlertsOverTime({ data }: { data: Overview }) {
  const rows = data.alerts.map((r) => ({ ...r, label: label(r.at, data.bucketSeconds) }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid stroke="var(--color-border)" vertical={false} />
        <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={24} />
        <YAxis tick={tick} allowDecimals={false} />
        <Tooltip {...tooltip} cursor={{ fill: "var(--color-surface-2)" }} />
        {SEVERITIES.map((s) => (
          <Bar key={s} dataKey={s} stackId="a" fill={SEVERITY_COLORS[s]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function EventsOverTime({ data }: { data: Overview }) {
  const rows = data.events.map((r) => ({ ...r, label: label(r.at, data.bucketSeconds) }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <AreaChart data={rows} margin={{ top: 8, right: 8, left: -8, bottom: 0 }}>
        <CartesianGrid stroke="var(--color-border)" vertical={false} />
        <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={24} />
        <YAxis tick={tick} allowDecimals={false} />
        <Tooltip {...tooltip} />
        <Area
          dataKey="count"
          name="events"
          stroke="var(--color-accent)"
          fill="var(--color-accent)"
          fillOpacity={0.2}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

export function OpenBySeverity({ data }: { data: Overview }) {
  const rows = [...SEVERITIES]
    .reverse()
    .map((s) => ({ severity: s, count: data.openAlerts.bySeverity[s] ?? 0, fill: SEVERITY_COLORS[s] }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
        <CartesianGrid stroke="var(--color-border)" horizontal={false} />
        <XAxis type="number" tick={tick} allowDecimals={false} />
        <YAxis type="category" dataKey="severity" tick={tick} width={64} />
        <Tooltip {...tooltip} cursor={{ fill: "var(--color-surface-2)" }} />
        <Bar dataKey="count" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
