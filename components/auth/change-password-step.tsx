"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/components/ui/api-client";
import { Field } from "./field";
import { replaceOneTimePassword } from "./setup-api";

/** First sign-in: replace the one-time password with one of the user's own. */
export function ChangePasswordStep({ minLength, onDone }: { minLength: number; onDone: () => void }) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setError(
        new ApiError("The new passwords do not match.", 0, [{ path: "confirmPassword", message: "does not match" }]),
      );
      return;
    }
    setPending(true);
    setError(null);
    try {
      await replaceOneTimePassword({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError("The password could not be changed. Try again.", 0));
      setPending(false);
    }
  }

  const fieldError = (path: string) => error?.fieldErrors.filter((e) => e.path === path).map((e) => e.message);
  const errorFor = (path: string) => (fieldError(path)?.length ? `${id}-${path}-error` : undefined);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-muted">
        Your password was set by someone else. Choose your own: at least {minLength} characters; a passphrase of several
        words works well. Common and breached passwords are refused.
      </p>
      <Field
        id={`${id}-current`}
        name="currentPassword"
        label="Current (one-time) password"
        type="password"
        autoComplete="current-password"
        errorId={errorFor("currentPassword")}
      />
      <Field
        id={`${id}-new`}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        minLength={minLength}
        errorId={errorFor("newPassword")}
      />
      <Field
        id={`${id}-confirm`}
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        errorId={errorFor("confirmPassword")}
      />
      <div role="alert" className="text-sm text-danger">
        {error && (
          <>
            <p>{error.message}</p>
            {error.fieldErrors.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {error.fieldErrors.map((e) => (
                  <li key={`${e.path}:${e.message}`} id={`${id}-${e.path}-error`}>
                    {e.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
