"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { formatDateTime } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { eventView } from "@/lib/events/query.ts";
import { EventsHistogram } from "./events-histogram";

type EventItem = ReturnType<typeof eventView>;
const FIELDS = [
  { key: "sourceIp", label: "Source IP" },
  { key: "user", label: "User" },
  { key: "host", label: "Host" },
  { key: "module", label: "Module" },
  { key: "action", label: "Action" },
  { key: "outcome", label: "Outcome" },
  { key: "status", label: "HTTP status" },
  { key: "q", label: "Text" },
] as const;
const RANGES = [
  { value: "", label: "any time" },
  { value: "15m", label: "last 15 min", ms: 900_000 },
  { value: "1h", label: "last hour", ms: 3_600_000 },
  { value: "24h", label: "last 24 h", ms: 86_400_000 },
  { value: "7d", label: "last 7 days", ms: 604_800_000 },
  { value: "30d", label: "last 30 days", ms: 2_592_000_000 },
];

interface EventsPage {
  items: EventItem[];
  nextCursor: string | null;
  range: { since: string | null; until: string | null; defaulted: boolean };
}
// Later pages search the range the first page answered with, so "last 24 h" does not slide.
type PageParam = { cursor: string; since: string | null; until: string | null } | null;

/** Stored events by field and time range, newest first, 100 at a time; filters live in the URL. */
export function EventsExplorer() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries([...FIELDS.map((f) => [f.key, params.get(f.key) ?? ""]), ["range", params.get("range") ?? ""]]),
  );
  const applied = new URLSearchParams(params.toString());
  const range = RANGES.find((r) => r.value === applied.get("range"));
  const api = new URLSearchParams([...applied].filter(([k, v]) => k !== "range" && v));
  api.set("limit", "100");
  const qs = api.toString();
  const pages = useInfiniteQuery({
    queryKey: queryKeys.events.search(qs, range?.value ?? ""),
    queryFn: ({ pageParam }) => {
      const bounds = new URLSearchParams();
      if (pageParam) {
        bounds.set("cursor", pageParam.cursor);
        if (pageParam.since) bounds.set("since", pageParam.since);
        if (pageParam.until) bounds.set("until", pageParam.until);
      } else if (range?.ms) bounds.set("since", new Date(Date.now() - range.ms).toISOString());
      return requestJson<EventsPage>("GET", `/api/v1/events?${qs}${bounds.size ? `&${bounds}` : ""}`);
    },
    initialPageParam: null as PageParam,
    getNextPageParam: (last): PageParam | undefined =>
      last.nextCursor ? { cursor: last.nextCursor, since: last.range.since, until: last.range.until } : undefined,
    retry: retryServerErrors,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const searched = pages.data?.pages[0]?.range;
  const searchOlder = () => {
    const next = new URLSearchParams(params.toString());
    next.set("range", "30d");
    setDraft({ ...draft, range: "30d" });
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <form
        role="search"
        aria-label="Search events"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams(Object.entries(draft).filter(([, v]) => v.trim()));
          router.replace(`${pathname}?${next}`, { scroll: false });
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.key} className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{f.label}</span>
            <input
              className={`${INPUT_CLASSES} w-36`}
              value={draft[f.key]}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            />
          </label>
        ))}
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Time</span>
          <select
            className={INPUT_CLASSES}
            value={draft.range}
            onChange={(e) => setDraft({ ...draft, range: e.target.value })}
          >
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">Search</Button>
      </form>
      <EventsHistogram filters={applied} rangeMs={range?.ms} />
      {pages.isError && <FormError error={pages.error} />}
      {searched && (
        <p className="flex flex-wrap items-center gap-3 text-sm text-muted" aria-live="polite">
          <span>
            Searched {searched.since ? `from ${formatDateTime(searched.since)}` : "all stored events"}
            {searched.since || searched.until ? ` to ${searched.until ? formatDateTime(searched.until) : "now"}` : ""}
            {searched.defaulted ? " (text searches the last 24 h unless a time range is chosen)" : ""}
          </span>
          {searched.defaulted && (
            <Button variant="secondary" onClick={searchOlder}>
              Search the last 30 days
            </Button>
          )}
        </p>
      )}
      <div className="overflow-x-auto rounded-xl border border-border bg-surface">
        <table aria-label="Events" className="w-full text-left text-xs">
          <thead className="text-muted">
            <tr className="border-b border-border">
              {["Time", "Module", "Action", "Outcome", "Source", "User", "Host", "Detail"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="font-mono">
            {rows.map((e) => (
              <tr key={e.id} className="border-b border-border align-top last:border-0">
                <td className="px-3 py-1.5 whitespace-nowrap">{formatDateTime(e.timestamp)}</td>
                <td className="px-3 py-1.5">{e.module ?? "–"}</td>
                <td className="px-3 py-1.5">{e.action ?? "–"}</td>
                <td className="px-3 py-1.5">{e.outcome ?? "–"}</td>
                <td className="px-3 py-1.5">{e.sourceIp ?? "–"}</td>
                <td className="px-3 py-1.5">{e.userName ?? "–"}</td>
                <td className="px-3 py-1.5">{e.hostName ?? "–"}</td>
                <td className="max-w-xl px-3 py-1.5 break-all">
                  <details>
                    <summary className="cursor-pointer">
                      {e.message ?? (e.url ? `${e.method ?? ""} ${e.url} ${e.status ?? ""}` : e.id)}
                    </summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-bg p-2">
                      {JSON.stringify(e.doc, null, 2)}
                    </pre>
                  </details>
                </td>
              </tr>
            ))}
            {pages.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-10 text-center font-sans text-sm text-muted">
                  No event matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages.hasNextPage && (
        <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? "Loading…" : "Older events"}
        </Button>
      )}
    </div>
  );
}
