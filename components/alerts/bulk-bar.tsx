"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { INPUT_CLASSES } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { closingAlertStatus } from "@/lib/vocabulary.ts";
import { bulkTriage, DISPOSITIONS, type TriageBody } from "./alerts-api";

/** Acknowledge, assign or close the selected alerts at once. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const [action, setAction] = useState<"ack" | "assign" | "close">("ack");
  const [reason, setReason] = useState("");
  const [assignee, setAssignee] = useState("");
  const [disposition, setDisposition] = useState("true_positive");
  const run = useMutation({ mutationFn: (patch: TriageBody) => bulkTriage(ids, patch), onSuccess: onDone });
  const patch = (): TriageBody =>
    action === "ack"
      ? { status: "acknowledged", reason }
      : action === "assign"
        ? { assignee: assignee.trim() || null }
        : { status: closingAlertStatus(disposition), disposition, reason };
  return (
    <form
      aria-label="Bulk actions"
      className="flex flex-wrap items-end gap-2 rounded-xl border border-accent/40 bg-accent/5 px-3 py-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate(patch());
      }}
    >
      <span className="pb-2 font-medium">{ids.length} selected</span>
      <select
        aria-label="Bulk action"
        className={INPUT_CLASSES}
        value={action}
        onChange={(e) => setAction(e.target.value as typeof action)}
      >
        <option value="ack">Acknowledge</option>
        <option value="assign">Assign</option>
        <option value="close">Close</option>
      </select>
      {action === "assign" ? (
        <input
          aria-label="Assign to"
          className={INPUT_CLASSES}
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          placeholder="analyst@example.com"
        />
      ) : (
        <input
          aria-label="Reason"
          className={INPUT_CLASSES}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Reason"
          required
        />
      )}
      {action === "close" && (
        <select
          aria-label="Disposition"
          className={INPUT_CLASSES}
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
        >
          {DISPOSITIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      )}
      <Button type="submit" disabled={run.isPending}>
        Apply
      </Button>
      {run.data && run.data.failed.length > 0 && (
        <span className="pb-2 text-danger">
          {run.data.failed.length} not changed: {run.data.failed[0]!.detail}
        </span>
      )}
      {run.isError && <FormError error={run.error} />}
    </form>
  );
}
