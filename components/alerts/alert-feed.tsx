"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef } from "react";
import { useLiveAlerts } from "@/components/live/live-alerts";
import { SeverityBadge } from "@/components/ui/severity-badge";

const ROW_HEIGHT = 52;
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The live alert feed: newest first, virtualized (thousands of rows cost what twenty do), fixed row height so arrivals never shift the layout. */
export function AlertFeed({ height = 480 }: { height?: number }) {
  const { alerts, fresh } = useLiveAlerts();
  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render by design; the compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: alerts.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => alerts[i]!.id,
  });

  return (
    <div
      ref={parent}
      style={{ height }}
      className="overflow-y-auto rounded-xl border border-border bg-surface"
      role="feed"
      aria-label="Live alerts"
      aria-busy={false}
      data-testid="alert-feed"
      data-count={alerts.length}
    >
      {alerts.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-muted">
          No alerts yet. New ones appear here the moment they are raised.
        </p>
      ) : (
        <ul style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((row) => {
            const alert = alerts[row.index]!;
            return (
              <li
                key={row.key}
                data-alert-id={alert.id}
                aria-setsize={alerts.length}
                aria-posinset={row.index + 1}
                style={{
                  position: "absolute",
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${row.start}px)`,
                }}
                className={`flex items-center gap-3 border-b border-border px-4 transition-colors ${fresh.has(alert.id) ? "bg-accent/10" : ""}`}
              >
                <SeverityBadge severity={alert.severity} />
                <span className="w-8 shrink-0 text-right font-mono text-xs text-muted">{alert.score}</span>
                <Link
                  href={`/alerts/${alert.id}`}
                  className="min-w-0 flex-1 truncate text-sm font-medium hover:underline focus-visible:underline"
                >
                  {alert.title}
                </Link>
                <span className="hidden shrink-0 text-xs text-muted sm:inline">{alert.status.replace("_", " ")}</span>
                <span className="shrink-0 font-mono text-xs text-muted">×{alert.count}</span>
                <time className="w-20 shrink-0 text-right font-mono text-xs text-muted" dateTime={alert.createdAt}>
                  {time.format(new Date(alert.createdAt))}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
