"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/time";
import { useLiveAlerts } from "@/components/live/live-alerts";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { attackTechniqueName, attackTechniqueUrl } from "@/lib/vocabulary.ts";
import { fetchAlert, statusLabel, type AlertDetail } from "./alerts-api";
import type { RuleContribution } from "@/lib/detection/candidates.ts";
import { TriageControls } from "./triage-controls";

interface Breakdown {
  score?: number;
  scoring?: string;
  rules?: RuleContribution[];
  entities?: { type: string; value: string }[];
  risk?: { score: number; points: number; categories: string[] };
}

const ACTION_LABEL: Record<string, string> = {
  "alert.status_changed": "Status changed",
  "alert.assigned": "Assigned",
  "alert.commented": "Comment",
  "alert.escalated": "Escalated",
  "suppression.created": "Suppression created",
};

function describe(action: string, detail: Record<string, unknown>): string {
  if (action === "alert.status_changed") {
    const d = detail as {
      before: { status: string };
      after: { status: string };
      reason?: string;
      disposition?: string;
      until?: string;
    };
    return `${statusLabel(d.before.status)} → ${statusLabel(d.after.status)}${d.disposition ? ` (${statusLabel(d.disposition)})` : ""}${d.reason ? `: ${d.reason}` : ""}${d.until ? ` – until ${formatDateTime(d.until)}` : ""}`;
  }
  if (action === "alert.assigned")
    return `to ${(detail as { after: { assignee: string | null } }).after.assignee ?? "nobody"}`;
  if (action === "alert.commented") return String((detail as { comment: string }).comment);
  if (action === "alert.escalated") return `into incident “${(detail as { title: string }).title}”`;
  if (action === "suppression.created") {
    const d = detail as { rules: string[]; until: string; reason: string };
    return `${d.rules.join(", ")} until ${formatDateTime(d.until)}: ${d.reason}`;
  }
  return JSON.stringify(detail);
}

const entityHref = (e: { type: string; value: string }) => `/entities/${e.type}/${encodeURIComponent(e.value)}`;

/** One alert: why it scored what it did, its events and entities, its timeline, and triage. */
export function AlertDetailView({ id, canTriage }: { id: string; canTriage: boolean }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.alerts.detail(id),
    queryFn: () => fetchAlert(id),
    retry: retryServerErrors,
  });
  const live = useLiveAlerts().alerts.find((a) => a.id === id);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.detail(id) });
  useEffect(() => {
    if (live && query.data && live.updatedAt > query.data.updatedAt) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live?.updatedAt]);

  if (query.isPending) return <p className="text-sm text-muted">Loading the alert…</p>;
  if (query.isError) return <FormError error={query.error} />;
  const alert: AlertDetail = query.data;
  const breakdown = (alert.breakdown ?? {}) as Breakdown;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <section aria-label="Summary" className="rounded-xl border border-border bg-surface p-4">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={alert.severity} />
            <span className="font-mono text-sm">score {alert.score}</span>
            <Badge tone={alert.status === "new" ? "accent" : "neutral"}>
              <span data-testid="alert-status">{statusLabel(alert.status)}</span>
            </Badge>
            {alert.disposition && <Badge>{statusLabel(alert.disposition)}</Badge>}
            {alert.assignee && <Badge>assigned to {alert.assignee}</Badge>}
            {alert.incidentId && (
              <Link className="text-sm text-accent hover:underline" href={`/incidents/${alert.incidentId}`}>
                Incident
              </Link>
            )}
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
            <dt className="text-muted">Events</dt>
            <dd className="font-mono">{alert.count}</dd>
            <dt className="text-muted">First seen</dt>
            <dd>{formatDateTime(alert.firstSeenAt)}</dd>
            <dt className="text-muted">Last seen</dt>
            <dd>{formatDateTime(alert.lastSeenAt)}</dd>
            <dt className="text-muted">Rule</dt>
            <dd className="font-mono text-xs">{alert.ruleId}</dd>
          </dl>
          <div className="mt-3 flex flex-wrap gap-2 text-sm">
            {(breakdown.entities ?? [alert.entity]).map((e) => (
              <Link
                key={`${e.type}:${e.value}`}
                href={entityHref(e)}
                className="rounded border border-border px-2 py-0.5 font-mono text-xs hover:border-accent"
              >
                {e.type}: {e.value}
              </Link>
            ))}
            {alert.techniques.map((t) => (
              <a
                key={t}
                href={attackTechniqueUrl(t)}
                title={attackTechniqueName(t)}
                target="_blank"
                rel="noreferrer"
                className="rounded border border-border px-2 py-0.5 font-mono text-xs hover:border-accent"
              >
                ATT&CK {t}
              </a>
            ))}
          </div>
        </section>

        <section aria-label="Score breakdown" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="text-sm font-semibold">Why this score</h2>
          {breakdown.scoring && <p className="mt-1 text-xs text-muted">{breakdown.scoring}</p>}
          {breakdown.risk && (
            <p className="mt-1 text-sm">
              Entity risk {breakdown.risk.score} from {breakdown.risk.categories.join(", ")}
            </p>
          )}
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-xs text-muted">
              <tr>
                {["Rule", "Category", "Points", "Matches", "Evidence"].map((h) => (
                  <th key={h} scope="col" className="py-1 pr-3 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(breakdown.rules ?? []).map((r) => (
                <tr key={r.id} className="border-t border-border align-top">
                  <td className="py-1.5 pr-3">
                    <div>{r.title}</div>
                    <div className="font-mono text-xs text-muted">
                      {r.id}
                      {r.technique ? ` · ${r.technique}` : ""}
                    </div>
                  </td>
                  <td className="py-1.5 pr-3">{r.category}</td>
                  <td className="py-1.5 pr-3 font-mono">{r.points}</td>
                  <td className="py-1.5 pr-3 font-mono">
                    {r.hits}
                    {r.threshold ? (
                      <span className="text-xs text-muted">
                        {" "}
                        (≥{r.threshold} in {r.windowSeconds} s)
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1.5 pr-3 text-xs break-all">{r.reason ? `${r.field ?? ""} ${r.reason}` : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-label="Events" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="text-sm font-semibold">
            Contributing events ({alert.events.length}
            {alert.count > alert.events.length ? ` of ${alert.count}` : ""})
          </h2>
          <ul className="mt-2 flex flex-col">
            {alert.events.map((e) => {
              const doc = e.doc as {
                message?: string;
                url?: { original?: string };
                source?: { ip?: string };
                user?: { name?: string };
              };
              return (
                <li key={e.id} className="border-t border-border py-1.5 text-xs">
                  <details>
                    <summary className="cursor-pointer">
                      <span className="font-mono text-muted">{formatDateTime(e.timestamp)}</span>{" "}
                      <span className="font-mono">{doc.source?.ip ?? ""}</span>{" "}
                      {doc.user?.name ? `user ${doc.user.name} ` : ""}
                      <span className="break-all">{doc.message ?? doc.url?.original ?? e.id}</span>
                    </summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-bg p-2 font-mono">
                      {JSON.stringify(e.doc, null, 2)}
                    </pre>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-label="Timeline" className="rounded-xl border border-border bg-surface p-4">
          <h2 className="text-sm font-semibold">Timeline</h2>
          <ol className="mt-2 flex flex-col gap-2 text-sm" data-testid="alert-timeline">
            <li className="text-muted">{formatDateTime(alert.createdAt)} · raised by the detection engine</li>
            {alert.timeline.map((t, i) => (
              <li key={i} data-action={t.action}>
                <span className="text-muted">{formatDateTime(t.at)}</span> ·{" "}
                <span className="font-medium">{ACTION_LABEL[t.action] ?? t.action}</span> by {t.actor ?? "system"}:{" "}
                {describe(t.action, t.detail as Record<string, unknown>)}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <aside className="flex flex-col gap-4">
        {canTriage ? (
          <div className="rounded-xl border border-border bg-surface p-4">
            <TriageControls alert={alert} onChanged={refresh} />
          </div>
        ) : (
          <p className="rounded-xl border border-border bg-surface p-4 text-sm text-muted">
            You can follow this alert; changing it needs the alerts:write permission.
          </p>
        )}
      </aside>
    </div>
  );
}
