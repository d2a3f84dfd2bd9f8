"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/time";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { listIncidents } from "@/lib/incidents/incidents.ts";
import type { Severity } from "@/lib/vocabulary.ts";

type Item = Awaited<ReturnType<typeof listIncidents>>[number];

/** Cases, most recently active first. Alerts are escalated into them from the alert page. */
export function IncidentsList() {
  const query = useQuery({
    queryKey: queryKeys.incidents.list,
    queryFn: () => requestJson<{ items: Item[] }>("GET", "/api/v1/incidents"),
    retry: retryServerErrors,
    refetchInterval: 15_000,
  });
  if (query.isError) return <FormError error={query.error} />;
  const items = query.data?.items ?? [];
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table aria-label="Incidents" className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr className="border-b border-border">
            {["Incident", "Severity", "Status", "Owner", "Alerts", "Updated"].map((h) => (
              <th key={h} scope="col" className="px-4 py-2.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className="border-b border-border last:border-0">
              <td className="px-4 py-2.5">
                <Link className="font-medium hover:underline" href={`/incidents/${i.id}`}>
                  {i.title}
                </Link>
              </td>
              <td className="px-4 py-2.5">
                <SeverityBadge severity={i.severity as Severity} />
              </td>
              <td className="px-4 py-2.5">
                <Badge>{i.status}</Badge>
              </td>
              <td className="px-4 py-2.5 text-muted">{i.owner ?? "–"}</td>
              <td className="px-4 py-2.5 font-mono">{i.alerts}</td>
              <td className="px-4 py-2.5 text-muted">{formatDateTime(i.updatedAt)}</td>
            </tr>
          ))}
          {query.isSuccess && items.length === 0 && (
            <tr>
              <td colSpan={6} className="px-4 py-10 text-center text-muted">
                No incidents. Escalate an alert from its page to open one.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
