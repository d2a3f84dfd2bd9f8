"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/time";
import { useLiveAlerts } from "@/components/live/live-alerts";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { fetchAlertPage, statusLabel } from "./alerts-api";
import { AlertsFilters, filtersFrom, queryString, type Filters } from "./alerts-filters";
import { BulkBar } from "./bulk-bar";
import { SavedViews } from "./saved-views";

const ROW = 48;
const COLUMNS = "2rem 5.5rem 3rem minmax(12rem,1fr) 9rem 7rem 8rem 4rem 9.5rem";

/** All alerts: URL filters, keyset pages loaded as you scroll, a virtualized table, bulk actions. */
export function AlertsTable({ canTriage, canReadRules }: { canTriage: boolean; canReadRules: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(params.toString())), [params]);
  const qs = queryString(filters);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { alerts: live } = useLiveAlerts();
  const pages = useInfiniteQuery({
    queryKey: queryKeys.alerts.list(qs),
    queryFn: ({ pageParam }) => fetchAlertPage(qs, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: retryServerErrors,
  });
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const newest = live[0]?.id;
  // New alerts arrive live: refresh the first page (keyset pages below stay valid).
  useEffect(() => {
    if (newest) void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.list(qs) });
  }, [newest, qs, queryClient]);

  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render by design; the compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 10,
    getItemKey: (i) => rows[i]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  useEffect(() => {
    if (last && last.index >= rows.length - 10 && pages.hasNextPage && !pages.isFetchingNextPage)
      void pages.fetchNextPage();
  }, [last, rows.length, pages]);

  const change = (next: Filters) => {
    setSelected(new Set());
    const s = queryString(next);
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  };
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-3">
      <AlertsFilters filters={filters} onChange={change} canReadRules={canReadRules} />
      <SavedViews current={qs} />
      {canTriage && selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onDone={() => {
            setSelected(new Set());
            void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all });
          }}
        />
      )}
      {pages.isError && <FormError error={pages.error} />}
      <div
        className="rounded-xl border border-border bg-surface"
        role="table"
        aria-label="Alerts"
        aria-rowcount={rows.length}
      >
        <div
          role="row"
          className="grid items-center gap-2 border-b border-border px-3 py-2 text-xs text-muted"
          style={{ gridTemplateColumns: COLUMNS }}
        >
          <span role="columnheader">
            {canTriage && (
              <input
                type="checkbox"
                aria-label="Select all loaded alerts"
                className="size-4 accent-accent"
                checked={rows.length > 0 && selected.size === rows.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
              />
            )}
          </span>
          {["Severity", "Score", "Alert", "Entity", "Status", "Assignee", "Events", "Last seen"].map((h) => (
            <span key={h} role="columnheader">
              {h}
            </span>
          ))}
        </div>
        <div ref={parent} className="h-[60vh] min-h-80 overflow-y-auto">
          {pages.isPending ? (
            <p className="px-4 py-10 text-center text-sm text-muted">Loading alerts…</p>
          ) : rows.length === 0 ? (
            <p className="px-4 py-10 text-center text-sm text-muted">No alert matches these filters.</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {items.map((item) => {
                const a = rows[item.index]!;
                return (
                  <div
                    key={item.key}
                    role="row"
                    data-alert-id={a.id}
                    className="absolute inset-x-0 grid items-center gap-2 border-b border-border px-3 text-sm"
                    style={{ height: ROW, transform: `translateY(${item.start}px)`, gridTemplateColumns: COLUMNS }}
                  >
                    <span role="cell">
                      {canTriage && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${a.title}`}
                          className="size-4 accent-accent"
                          checked={selected.has(a.id)}
                          onChange={() => toggle(a.id)}
                        />
                      )}
                    </span>
                    <span role="cell">
                      <SeverityBadge severity={a.severity} />
                    </span>
                    <span role="cell" className="font-mono text-xs">
                      {a.score}
                    </span>
                    <span role="cell" className="truncate">
                      <Link className="font-medium hover:underline" href={`/alerts/${a.id}`}>
                        {a.title}
                      </Link>
                    </span>
                    <span role="cell" className="truncate font-mono text-xs">
                      <Link
                        className="hover:underline"
                        href={`/entities/${a.entity.type}/${encodeURIComponent(a.entity.value)}`}
                      >
                        {a.entity.value}
                      </Link>
                    </span>
                    <span role="cell" className="text-xs">
                      {statusLabel(a.status)}
                    </span>
                    <span role="cell" className="truncate text-xs text-muted">
                      {a.assignee ?? "–"}
                    </span>
                    <span role="cell" className="font-mono text-xs">
                      {a.count}
                    </span>
                    <span role="cell" className="text-xs text-muted">
                      {formatDateTime(a.lastSeenAt)}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
        <p className="border-t border-border px-3 py-1.5 text-xs text-muted" aria-live="polite">
          {rows.length} loaded{pages.hasNextPage ? ", more as you scroll" : ""}
        </p>
      </div>
    </div>
  );
}
