"use client";

import { useQuery } from "@tanstack/react-query";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { RetentionForm } from "./retention-form";
import { fetchEventStorage, type EventStorage } from "./storage-api";

const count = new Intl.NumberFormat("en");

export function formatBytes(bytes: number) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function EventStorageSettings() {
  const storage = useQuery({
    queryKey: queryKeys.storage.events,
    queryFn: fetchEventStorage,
    retry: retryServerErrors,
  });
  if (storage.isPending) return <p className="text-sm text-muted">Loading storage…</p>;
  if (storage.isError)
    return <FormError error={new Error(`Event storage could not be loaded: ${storage.error.message}`)} />;
  const data = storage.data;
  return (
    <div className="flex flex-col gap-6">
      <Panel
        title="Event retention"
        description="Events older than this are removed by dropping whole days. Alerts, incidents and the audit log keep their own retention, so an alert outlives the events it cites."
      >
        <RetentionForm value={data.retentionDays} />
      </Panel>
      <Panel title="Stored events by day" description={<NextRemoval storage={data} />}>
        <StorageTable storage={data} />
      </Panel>
    </div>
  );
}

function NextRemoval({ storage }: { storage: EventStorage }) {
  const { next } = storage;
  const events = next.days.reduce((s, d) => s + d.events, 0);
  const bytes = next.days.reduce((s, d) => s + d.bytes, 0);
  const at = new Date(next.at).toLocaleString();
  if (next.days.length === 0)
    return (
      <>
        The next run ({at}) removes nothing: no stored day is older than {next.removesBefore}.
      </>
    );
  return (
    <>
      The next run ({at}) removes the days before {next.removesBefore}: {next.days.length} day
      {next.days.length === 1 ? "" : "s"}, about {count.format(events)} events, {formatBytes(bytes)}.
    </>
  );
}

function StorageTable({ storage }: { storage: EventStorage }) {
  const goes = new Set(storage.next.days.map((d) => d.day));
  const days = [...storage.days].reverse();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Events and bytes stored per UTC day, newest first</caption>
        <thead className="text-left text-muted">
          <tr>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Day (UTC)
            </th>
            <th scope="col" className="py-1.5 pr-4 text-right font-medium">
              Events (estimated)
            </th>
            <th scope="col" className="py-1.5 pr-4 text-right font-medium">
              Size on disk
            </th>
            <th scope="col" className="py-1.5 font-medium">
              <span className="sr-only">Next run</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} className="border-t border-border">
              <td className="py-1.5 pr-4 font-mono tabular-nums">{d.day}</td>
              <td className="py-1.5 pr-4 text-right tabular-nums">{count.format(d.events)}</td>
              <td className="py-1.5 pr-4 text-right tabular-nums">{formatBytes(d.bytes)}</td>
              <td className="py-1.5 text-muted">{goes.has(d.day) ? "removed at the next run" : ""}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-border font-medium">
            <td className="py-1.5 pr-4">Total</td>
            <td className="py-1.5 pr-4 text-right tabular-nums">{count.format(storage.totals.events)}</td>
            <td className="py-1.5 pr-4 text-right tabular-nums">{formatBytes(storage.totals.bytes)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
