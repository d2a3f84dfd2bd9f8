"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { EVENT_RETENTION_RANGE, saveEventRetention } from "./storage-api";

const { min, max } = EVENT_RETENTION_RANGE;

/** How many whole days of events the org keeps. */
export function RetentionForm({ value }: { value: number }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: saveEventRetention,
    onSuccess: (storage) => queryClient.setQueryData(queryKeys.storage.events, storage),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("eventRetentionDays") ?? "").trim();
    const days = Number(raw);
    const outOfRange = !raw || !Number.isInteger(days) || days < min || days > max;
    setInvalid(outOfRange);
    if (outOfRange) return save.reset();
    save.mutate(days);
  }

  const errors = invalid
    ? [`Enter a whole number of days from ${min} to ${max}.`]
    : messagesFor(save.error, "eventRetentionDays");
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        key={value}
        id={`${id}-days`}
        name="eventRetentionDays"
        label="Keep events for (days)"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        defaultValue={value}
        className="max-w-48"
        hint="Whole UTC days. Older days are removed within the hour after midnight; shortening it removes them at the next run."
        errors={errors}
      />
      <FormError error={invalid ? null : save.error} fields={["eventRetentionDays"]} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <p role="status" className="text-sm text-success">
          {save.isSuccess ? `Saved: events are kept for ${save.data.retentionDays} days.` : ""}
        </p>
      </div>
    </form>
  );
}
