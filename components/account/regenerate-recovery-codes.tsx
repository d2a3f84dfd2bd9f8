"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { RecoveryCodes } from "@/components/auth/recovery-codes";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { regenerateRecoveryCodes } from "./account-api";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";

/** Replace my recovery codes after proving I still hold the authenticator; the new ones show once. */
export function RegenerateRecoveryCodes() {
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const regenerate = useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.account.mfa }),
  });

  function close() {
    regenerate.reset();
    setOpen(false);
  }

  if (regenerate.data) {
    return (
      <div className="flex max-w-md flex-col gap-3 rounded-lg border border-border bg-surface-2 p-4">
        <RecoveryCodes codes={regenerate.data} />
        <div>
          <Button onClick={close}>I have saved my recovery codes</Button>
        </div>
      </div>
    );
  }

  if (!open) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Generate new recovery codes
        </Button>
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    regenerate.mutate(String(new FormData(event.currentTarget).get("code") ?? ""));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Generate new recovery codes"
      className="flex max-w-md flex-col gap-4 rounded-lg border border-border bg-surface-2 p-4"
    >
      <p className="text-sm text-muted">
        New codes replace all of your current ones, used or not. Confirm with a code from your authenticator app.
      </p>
      <TextField
        id={`${id}-code`}
        name="code"
        label="Code from your authenticator app"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        required
        autoFocus
        errors={messagesFor(regenerate.error, "code")}
      />
      <FormError error={regenerate.error} fields={["code"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={regenerate.isPending} aria-busy={regenerate.isPending}>
          {regenerate.isPending ? "Generating…" : "Generate codes"}
        </Button>
        <Button variant="ghost" onClick={close}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
