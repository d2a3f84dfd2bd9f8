"use client";

import type { AuditEntryItem } from "./audit-api";
import { OutcomeBadge } from "./outcome-badge";

const TIME = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** Local time for reading; the ISO instant stays in the title and the detail drawer. */
export function formatTime(iso: string): string {
  return TIME.format(new Date(iso));
}

export function AuditTable({ items, onOpen }: { items: AuditEntryItem[]; onOpen: (entry: AuditEntryItem) => void }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">
          Audit entries, newest first. Open an entry&apos;s time to see all of its fields.
        </caption>
        <thead className="border-b border-border text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Time
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Actor
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Outcome
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Target
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Source IP
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr
              key={entry.id}
              data-seq={entry.seq}
              onClick={() => onOpen(entry)}
              className="cursor-pointer border-b border-border last:border-b-0 hover:bg-surface-2"
            >
              <td className="px-4 py-2 whitespace-nowrap">
                {/* The row is clickable for the mouse; this button is its keyboard and screen-reader handle. */}
                <button
                  type="button"
                  aria-haspopup="dialog"
                  title={entry.at}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(entry);
                  }}
                  className="font-mono text-xs text-fg underline decoration-border-strong underline-offset-4 hover:decoration-accent"
                >
                  {formatTime(entry.at)}
                </button>
              </td>
              <td className="max-w-64 truncate px-4 py-2">
                <span title={entry.actorLabel ?? entry.actorId ?? undefined}>
                  {entry.actorLabel ?? entry.actorId ?? "—"}
                </span>
                <span className="ml-2 text-xs text-muted">{entry.actorType}</span>
              </td>
              <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{entry.action}</td>
              <td className="px-4 py-2">
                <OutcomeBadge outcome={entry.outcome} />
              </td>
              <td className="max-w-72 truncate px-4 py-2">
                {entry.targetType && <span className="mr-2 text-xs text-muted">{entry.targetType}</span>}
                <span title={entry.targetId ?? undefined}>{entry.targetLabel ?? entry.targetId ?? "—"}</span>
              </td>
              <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{entry.sourceIp ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
