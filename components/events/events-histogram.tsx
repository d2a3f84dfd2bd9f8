"use client";

// Events per time bucket above the events list, for the list's time range and the filters the
// rollups count by (module, action, outcome). With a filter they cannot answer (source, user, host,
// HTTP status, text) the chart says so instead of drawing counts the list would contradict.
import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ApiError, requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";

interface Histogram {
  since: string;
  until: string;
  bucketSeconds: number;
  total: number;
  buckets: { at: string; count: number }[];
}

const COUNTED = ["module", "action", "outcome"] as const;
const NOT_COUNTED = { sourceIp: "source IP", user: "user", host: "host", status: "HTTP status", q: "text" } as const;
/** "Any time" charts the last 7 days. */
const DEFAULT_RANGE_MS = 604_800_000;

const tick = { fill: "var(--color-muted)", fontSize: 11 };

function label(iso: string, bucketSeconds: number) {
  const d = new Date(iso);
  if (bucketSeconds >= 86_400) return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  if (bucketSeconds >= 3600 * 4) return d.toLocaleString(undefined, { weekday: "short", hour: "2-digit" });
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function EventsHistogram({ filters, rangeMs }: { filters: URLSearchParams; rangeMs?: number }) {
  const uncounted = Object.entries(NOT_COUNTED)
    .filter(([key]) => filters.get(key))
    .map(([, name]) => name);
  const api = new URLSearchParams(COUNTED.flatMap((key) => (filters.get(key) ? [[key, filters.get(key)!]] : [])));
  const qs = api.toString();
  const histogram = useQuery({
    queryKey: queryKeys.events.histogram(qs, rangeMs ?? DEFAULT_RANGE_MS),
    queryFn: () => {
      const since = new Date(Date.now() - (rangeMs ?? DEFAULT_RANGE_MS)).toISOString();
      return requestJson<Histogram>("GET", `/api/v1/events/histogram?${qs}&since=${encodeURIComponent(since)}`);
    },
    enabled: uncounted.length === 0,
    retry: retryServerErrors,
  });

  let note: string | null = null;
  if (uncounted.length) note = `The histogram counts by module, action and outcome, not by ${uncounted.join(", ")}.`;
  else if (histogram.error)
    note =
      histogram.error instanceof ApiError && histogram.error.fieldErrors.length
        ? histogram.error.fieldErrors.map((e) => `${e.path}: ${e.message}`).join("; ")
        : histogram.error.message;
  const data = histogram.data;
  const rows = data?.buckets.map((b) => ({ ...b, label: label(b.at, data.bucketSeconds) })) ?? [];

  return (
    <section aria-label="Events over time" className="rounded-xl border border-border bg-surface p-3">
      <div className="mb-1 flex items-baseline justify-between text-xs text-muted">
        <span className="font-medium text-fg">Events over time</span>
        {data && !note && (
          <span>
            {data.total.toLocaleString()} events, {label(data.since, data.bucketSeconds)} to now, per{" "}
            {data.bucketSeconds >= 3600 ? `${data.bucketSeconds / 3600} h` : `${data.bucketSeconds / 60} min`}
          </span>
        )}
      </div>
      {note ? (
        <p className="py-6 text-center text-sm text-muted">{note}</p>
      ) : (
        <ResponsiveContainer width="100%" height={140}>
          <BarChart data={rows} margin={{ top: 4, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid stroke="var(--color-border)" vertical={false} />
            <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={32} />
            <YAxis tick={tick} allowDecimals={false} />
            <Tooltip
              contentStyle={{
                background: "var(--color-surface-2)",
                border: "1px solid var(--color-border)",
                borderRadius: 8,
                fontSize: 12,
              }}
              labelStyle={{ color: "var(--color-fg)" }}
              cursor={{ fill: "var(--color-surface-2)" }}
            />
            <Bar dataKey="count" name="events" fill="var(--color-accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </section>
  );
}
