"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { changePassword } from "./account-api";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

/** Change my password; the server signs out my other sessions. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.account.sessions }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const newPassword = String(data.get("newPassword") ?? "");
    const differs = newPassword !== String(data.get("confirmPassword") ?? "");
    setMismatch(differs);
    if (differs) return change.reset();
    change.mutate(
      { currentPassword: String(data.get("currentPassword") ?? ""), newPassword },
      { onSuccess: () => form.reset() },
    );
  }

  const errors = (path: string) => messagesFor(change.error, path);
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
      <TextField
        id={`${id}-current`}
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        errors={errors("currentPassword")}
      />
      <TextField
        id={`${id}-new`}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters; a passphrase of several words works well. Common and breached passwords are refused.`}
        errors={errors("newPassword")}
      />
      <TextField
        id={`${id}-confirm`}
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        errors={mismatch ? ["Does not match the new password."] : []}
      />
      <FormError error={mismatch ? new Error("The new passwords do not match.") : change.error} fields={FIELDS} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={change.isPending} aria-busy={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
        <p role="status" className="text-sm text-success">
          {change.isSuccess ? "Password changed. Your other sessions were signed out; this one stays signed in." : ""}
        </p>
      </div>
    </form>
  );
}
