"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { closingAlertStatus, isClosedAlertStatus } from "@/lib/vocabulary.ts";
import { createIncident, DISPOSITIONS, fetchAssignable, triage, type AlertDetail, type TriageBody } from "./alerts-api";

const ACK_EXPIRY = [
  { label: "No expiry", hours: 0 },
  { label: "1 hour", hours: 1 },
  { label: "4 hours", hours: 4 },
  { label: "24 hours", hours: 24 },
];
const SUPPRESS_FOR = [
  { label: "1 day", minutes: 1_440 },
  { label: "7 days", minutes: 10_080 },
  { label: "30 days", minutes: 43_200 },
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2 border-t border-border pt-3">
      <legend className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

function Field({ label, children, errors = [] }: { label: string; children: ReactNode; errors?: string[] }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span>{label}</span>
      {children}
      {errors.map((e) => (
        <span key={e} className="text-xs text-danger">
          {e}
        </span>
      ))}
    </label>
  );
}

/** Acknowledge, assign, comment, close with a disposition (and suppress similar), escalate. */
export function TriageControls({ alert, onChanged }: { alert: AlertDetail; onChanged: () => void }) {
  const router = useRouter();
  const listId = useId();
  const mutation = useMutation({ mutationFn: (body: TriageBody) => triage(alert.id, body), onSuccess: onChanged });
  const escalate = useMutation({
    mutationFn: createIncident,
    onSuccess: (incident) => router.push(`/incidents/${incident.id}`),
  });
  const users = useQuery({ queryKey: queryKeys.assignableUsers, queryFn: fetchAssignable, staleTime: 60_000 });
  const [ackReason, setAckReason] = useState("");
  const [ackHours, setAckHours] = useState(0);
  const [assignee, setAssignee] = useState(alert.assignee ?? "");
  const [comment, setComment] = useState("");
  const [disposition, setDisposition] = useState<string>("true_positive");
  const [closeReason, setCloseReason] = useState("");
  const [suppress, setSuppress] = useState(false);
  const [suppressMinutes, setSuppressMinutes] = useState(10_080);
  const closed = isClosedAlertStatus(alert.status);
  const err = (path: string) => messagesFor(mutation.error, path);

  const submit = (body: TriageBody, after?: () => void) => (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(body, { onSuccess: after });
  };
  const acknowledge = (e: FormEvent) => {
    e.preventDefault();
    const ackExpiresAt = ackHours ? new Date(Date.now() + ackHours * 3_600_000).toISOString() : null;
    mutation.mutate({ status: "acknowledged", reason: ackReason, ackExpiresAt }, { onSuccess: () => setAckReason("") });
  };

  return (
    <div className="flex flex-col gap-4" aria-label="Triage">
      {mutation.isError && (
        <FormError error={mutation.error} fields={["reason", "assignee", "comment", "disposition", "ackExpiresAt"]} />
      )}
      {!closed && alert.status !== "acknowledged" && (
        <Section title="Acknowledge">
          <form className="flex flex-col gap-2" onSubmit={acknowledge}>
            <Field label="Reason" errors={err("reason")}>
              <input
                className={INPUT_CLASSES}
                value={ackReason}
                onChange={(e) => setAckReason(e.target.value)}
                required
                placeholder="Looking into it; blocking at the edge"
              />
            </Field>
            <Field label="Acknowledgement expires" errors={err("ackExpiresAt")}>
              <select className={INPUT_CLASSES} value={ackHours} onChange={(e) => setAckHours(Number(e.target.value))}>
                {ACK_EXPIRY.map((o) => (
                  <option key={o.hours} value={o.hours}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <Button type="submit" disabled={mutation.isPending}>
              Acknowledge
            </Button>
          </form>
        </Section>
      )}
      <Section title="Assign">
        <form className="flex gap-2" onSubmit={submit({ assignee: assignee.trim() || null })}>
          <input
            aria-label="Assignee email"
            list={listId}
            className={`${INPUT_CLASSES} min-w-0 flex-1`}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            placeholder="analyst@example.com"
          />
          <datalist id={listId}>
            {(users.data ?? []).map((u) => (
              <option key={u.email} value={u.email}>
                {u.name ?? u.email}
              </option>
            ))}
          </datalist>
          <Button type="submit" variant="secondary" disabled={mutation.isPending}>
            Assign
          </Button>
        </form>
        {err("assignee").map((e) => (
          <span key={e} className="text-xs text-danger">
            {e}
          </span>
        ))}
      </Section>
      <Section title="Comment">
        <form className="flex flex-col gap-2" onSubmit={submit({ comment }, () => setComment(""))}>
          <textarea
            aria-label="Comment"
            className={`${INPUT_CLASSES} h-20 py-2`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required
          />
          <Button type="submit" variant="secondary" disabled={mutation.isPending}>
            Add comment
          </Button>
        </form>
      </Section>
      {closed ? (
        <Section title="Reopen">
          <Button
            variant="secondary"
            onClick={() => mutation.mutate({ status: "new", reason: "reopened" })}
            disabled={mutation.isPending}
          >
            Reopen alert
          </Button>
        </Section>
      ) : (
        <Section title="Close">
          <form
            className="flex flex-col gap-2"
            onSubmit={submit({
              status: closingAlertStatus(disposition),
              disposition,
              reason: closeReason,
              ...(suppress ? { suppress: { minutes: suppressMinutes, scope: "entity" as const } } : {}),
            })}
          >
            <Field label="Disposition" errors={err("disposition")}>
              <select className={INPUT_CLASSES} value={disposition} onChange={(e) => setDisposition(e.target.value)}>
                {DISPOSITIONS.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Reason" errors={err("reason")}>
              <input
                className={INPUT_CLASSES}
                value={closeReason}
                onChange={(e) => setCloseReason(e.target.value)}
                required
              />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-accent"
                checked={suppress}
                onChange={(e) => setSuppress(e.target.checked)}
              />
              Suppress similar alerts ({alert.entity.value}, these rules) for
            </label>
            {suppress && (
              <select
                aria-label="Suppress for"
                className={INPUT_CLASSES}
                value={suppressMinutes}
                onChange={(e) => setSuppressMinutes(Number(e.target.value))}
              >
                {SUPPRESS_FOR.map((o) => (
                  <option key={o.minutes} value={o.minutes}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
            <Button type="submit" disabled={mutation.isPending}>
              Close alert
            </Button>
          </form>
        </Section>
      )}
      {!alert.incidentId && (
        <Section title="Escalate">
          {escalate.isError && <FormError error={escalate.error} />}
          <Button
            variant="secondary"
            disabled={escalate.isPending}
            onClick={() => escalate.mutate({ title: alert.title, alertIds: [alert.id] })}
          >
            Escalate to an incident
          </Button>
        </Section>
      )}
    </div>
  );
}
