"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { INPUT_CLASSES, TextField } from "@/components/ui/text-field";
import { formatDateTime } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { messagesFor, requestJson, retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { destinationView } from "@/lib/notifications/destinations.ts";
import type { listDeliveries } from "@/lib/notifications/delivery.ts";
import { SEVERITIES } from "@/lib/vocabulary.ts";

type Destination = ReturnType<typeof destinationView>;
type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Webhook destinations (URL sealed at rest, shown as a hint) and the delivery log. */
export function NotificationsAdmin() {
  const queryClient = useQueryClient();
  const destinations = useQuery({
    queryKey: queryKeys.notifications.destinations,
    queryFn: () =>
      requestJson<{ items: Destination[] }>("GET", "/api/v1/notifications/destinations").then((r) => r.items),
    retry: retryServerErrors,
  });
  const deliveries = useQuery({
    queryKey: queryKeys.notifications.deliveries,
    queryFn: () => requestJson<{ items: Delivery[] }>("GET", "/api/v1/notifications/deliveries").then((r) => r.items),
    refetchInterval: 5_000,
    retry: retryServerErrors,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.destinations });
  const [form, setForm] = useState({ name: "", url: "", minSeverity: "high" });
  const create = useMutation({
    mutationFn: () => requestJson("POST", "/api/v1/notifications/destinations", { ...form, enabled: true }),
    onSuccess: () => (setForm({ name: "", url: "", minSeverity: "high" }), refresh()),
  });
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
      requestJson("PATCH", `/api/v1/notifications/destinations/${id}`, body),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => requestJson("DELETE", `/api/v1/notifications/destinations/${id}`),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: (id: string) =>
      requestJson<{ ok: boolean; status: number | null; error: string | null }>(
        "POST",
        `/api/v1/notifications/destinations/${id}/test`,
      ),
  });
  const names = new Map((destinations.data ?? []).map((d) => [d.id, d.name]));

  return (
    <div className="flex flex-col gap-6">
      <Panel
        title="Destinations"
        description="Each receives every alert that reaches its minimum severity, once, as Slack-compatible JSON."
      >
        {destinations.isError && <FormError error={destinations.error} />}
        {(patch.isError || remove.isError) && <FormError error={patch.error ?? remove.error} />}
        {test.data && (
          <p role="status" className={`mb-2 text-sm ${test.data.ok ? "text-success" : "text-danger"}`}>
            Test {test.data.ok ? "delivered" : "failed"}:{" "}
            {test.data.status ? `HTTP ${test.data.status}` : test.data.error}
          </p>
        )}
        <ul className="flex flex-col">
          {(destinations.data ?? []).map((d) => (
            <li
              key={d.id}
              className="flex flex-wrap items-center gap-3 border-b border-border py-2 text-sm last:border-0"
            >
              <span className="font-medium">{d.name}</span>
              <span className="font-mono text-xs text-muted">{d.urlHint}</span>
              <Badge>≥ {d.minSeverity}</Badge>
              <label className="ml-auto flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  className="size-4 accent-accent"
                  checked={d.enabled}
                  onChange={(e) => patch.mutate({ id: d.id, body: { enabled: e.target.checked } })}
                />
                enabled
              </label>
              <Button variant="secondary" onClick={() => test.mutate(d.id)} disabled={test.isPending}>
                Send test
              </Button>
              <Button variant="ghost" aria-label={`Delete ${d.name}`} onClick={() => remove.mutate(d.id)}>
                Delete
              </Button>
            </li>
          ))}
          {destinations.data?.length === 0 && <li className="py-4 text-sm text-muted">No destinations yet.</li>}
        </ul>
      </Panel>
      <Panel
        title="New destination"
        description="Public addresses only: a receiver on an internal network (localhost, private or link-local addresses) must be allowed by an administrator in SECURENET_WEBHOOK_ALLOWED_HOSTS."
      >
        <form
          className="grid gap-3 sm:grid-cols-[1fr_2fr_10rem_auto] sm:items-end"
          onSubmit={(e) => (e.preventDefault(), create.mutate())}
        >
          <TextField
            id="dest-name"
            label="Name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            errors={messagesFor(create.error, "name")}
            required
          />
          <TextField
            id="dest-url"
            label="Webhook URL"
            type="url"
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
            errors={messagesFor(create.error, "url")}
            placeholder="https://hooks.slack.com/services/…"
            required
          />
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            Minimum severity
            <select
              className={INPUT_CLASSES}
              value={form.minSeverity}
              onChange={(e) => setForm({ ...form, minSeverity: e.target.value })}
            >
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={create.isPending}>
            Add
          </Button>
        </form>
        {create.isError && <FormError error={create.error} fields={["name", "url"]} />}
      </Panel>
      <Panel
        title="Delivery log"
        description="The last 100 notifications; failures are retried after 5 s, 30 s, 2 min, 10 min and 1 h."
      >
        <table className="w-full text-left text-xs">
          <thead className="text-muted">
            <tr>
              {["Queued", "Destination", "Alert", "Status", "Attempts", "Answer"].map((h) => (
                <th key={h} scope="col" className="py-1 pr-3 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(deliveries.data ?? []).map((d) => (
              <tr key={d.id} className="border-t border-border">
                <td className="py-1 pr-3">{formatDateTime(d.createdAt)}</td>
                <td className="py-1 pr-3">{names.get(d.destinationId) ?? "deleted"}</td>
                <td className="py-1 pr-3">
                  <a className="font-mono hover:underline" href={`/alerts/${d.alertId}`}>
                    {d.alertId.slice(0, 8)}
                  </a>
                </td>
                <td className="py-1 pr-3">
                  <Badge tone={d.status === "delivered" ? "success" : d.status === "failed" ? "danger" : "warning"}>
                    {d.status}
                  </Badge>
                </td>
                <td className="py-1 pr-3 font-mono">{d.attempts}</td>
                <td className="py-1 pr-3">{d.responseStatus ? `HTTP ${d.responseStatus}` : (d.lastError ?? "–")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
