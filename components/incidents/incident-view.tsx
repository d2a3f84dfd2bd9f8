"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { formatDateTime } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { messagesFor, requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { incidentDetail } from "@/lib/incidents/incidents.ts";
import { INCIDENT_STATUSES, SEVERITIES, type Severity } from "@/lib/vocabulary.ts";

type Detail = Awaited<ReturnType<typeof incidentDetail>>;

function describe(action: string, detail: Record<string, unknown>) {
  if (action === "incident.commented") return String(detail.comment);
  if (action === "incident.updated") {
    return Object.entries(detail.changes as Record<string, { old: unknown; new: unknown }>)
      .map(([k, v]) => `${k}: ${String(v.old ?? "–")} → ${String(v.new ?? "–")}`)
      .join("; ");
  }
  if (action === "incident.alerts_added") return `${(detail.alerts as string[]).length} alert(s) escalated`;
  if (action === "incident.created") return `opened (${String(detail.severity)})`;
  return JSON.stringify(detail);
}

/** One incident: its alerts, owner, status, severity, summary, notes and timeline. */
export function IncidentView({ id, canWrite }: { id: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.incidents.detail(id),
    queryFn: () => requestJson<Detail>("GET", `/api/v1/incidents/${id}`),
    retry: retryServerErrors,
  });
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => requestJson<Detail>("PATCH", `/api/v1/incidents/${id}`, body),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.incidents.detail(id), data),
  });
  const [note, setNote] = useState("");
  const [owner, setOwner] = useState<string | null>(null);
  if (query.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (query.isError) return <FormError error={query.error} />;
  const incident = query.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex min-w-0 flex-col gap-5">
        <section aria-label="Alerts" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="text-sm font-semibold">Alerts ({incident.alerts.length})</h2>
          <ul className="mt-2">
            {incident.alerts.map((a) => (
              <li key={a.id} className="flex items-center gap-3 border-t border-border py-1.5 text-sm">
                <SeverityBadge severity={a.severity} />
                <Link className="min-w-0 flex-1 truncate hover:underline" href={`/alerts/${a.id}`}>
                  {a.title}
                </Link>
                <span className="text-xs text-muted">{a.status.replace("_", " ")}</span>
              </li>
            ))}
          </ul>
        </section>
        {incident.summary && (
          <section
            aria-label="Summary"
            className="rounded-xl border border-border bg-surface p-4 text-sm whitespace-pre-wrap"
          >
            {incident.summary}
          </section>
        )}
        <section aria-label="Timeline" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="text-sm font-semibold">Timeline</h2>
          <ol className="mt-2 flex flex-col gap-1.5 text-sm">
            {incident.timeline.map((t, i) => (
              <li key={i}>
                <span className="text-muted">{formatDateTime(t.at)}</span> · {t.actor ?? "system"}:{" "}
                {describe(t.action, t.detail as Record<string, unknown>)}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <aside className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 text-sm">
        <div className="flex items-center gap-2">
          <SeverityBadge severity={incident.severity as Severity} />
          <span>{incident.status}</span>
        </div>
        {update.isError && <FormError error={update.error} fields={["owner", "note"]} />}
        {canWrite ? (
          <>
            <label className="flex flex-col gap-1">
              Status
              <select
                className={INPUT_CLASSES}
                value={incident.status}
                onChange={(e) => update.mutate({ status: e.target.value })}
              >
                {INCIDENT_STATUSES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              Severity
              <select
                className={INPUT_CLASSES}
                value={incident.severity}
                onChange={(e) => update.mutate({ severity: e.target.value })}
              >
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <form
              className="flex flex-col gap-1"
              onSubmit={(e) => (
                e.preventDefault(),
                update.mutate({ owner: (owner ?? incident.owner ?? "").trim() || null })
              )}
            >
              <label className="flex flex-col gap-1">
                Owner
                <input
                  className={INPUT_CLASSES}
                  value={owner ?? incident.owner ?? ""}
                  onChange={(e) => setOwner(e.target.value)}
                  placeholder="email"
                />
              </label>
              {messagesFor(update.error, "owner").map((m) => (
                <span key={m} className="text-xs text-danger">
                  {m}
                </span>
              ))}
              <Button type="submit" variant="secondary">
                Set owner
              </Button>
            </form>
            <form
              className="flex flex-col gap-1"
              onSubmit={(e) => (e.preventDefault(), update.mutate({ note }, { onSuccess: () => setNote("") }))}
            >
              <label className="flex flex-col gap-1">
                Note
                <textarea
                  className={`${INPUT_CLASSES} h-24 py-2`}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  required
                />
              </label>
              <Button type="submit">Add note</Button>
            </form>
          </>
        ) : (
          <p className="text-muted">Owner: {incident.owner ?? "–"}</p>
        )}
      </aside>
    </div>
  );
}
