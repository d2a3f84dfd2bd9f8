"use client";

import { useMutation } from "@tanstack/react-query";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "./modal-dialog";
import { OneTimePassword } from "./one-time-password";
import { resetUserMfa, resetUserPassword, type UserItem } from "./users-api";

export type DialogAction = { kind: "password" | "mfa"; user: UserItem };

const COPY = {
  password: {
    title: "Reset password",
    confirm: "Reset password",
    explain: (email: string) =>
      `${email} gets a one-time password that you pass on, and must choose a new one at their next sign-in. ` +
      "All of their sessions end now. Their two-factor authentication stays as it is.",
  },
  mfa: {
    title: "Reset two-factor authentication",
    confirm: "Reset MFA",
    explain: (email: string) =>
      `${email}'s authenticator app and recovery codes stop working, and all of their sessions end now. ` +
      "They set up an authenticator app again at their next sign-in, if their roles require it.",
  },
};

/** Confirm a password or MFA reset, run it, and show its outcome (the one-time password, once). */
export function UserActionDialog({
  action,
  isSelf,
  onDone,
  onClose,
}: {
  action: DialogAction | null;
  isSelf: boolean;
  onDone: () => void;
  onClose: () => void;
}) {
  const run = useMutation({
    mutationFn: ({ kind, user }: DialogAction): Promise<{ oneTimePassword?: string }> =>
      kind === "password" ? resetUserPassword(user.id) : resetUserMfa(user.id).then(() => ({})),
    onSuccess: onDone,
  });

  function close() {
    run.reset();
    onClose();
  }

  const copy = action && COPY[action.kind];
  return (
    <ModalDialog open={!!action} title={copy ? `${copy.title}: ${action.user.email}` : ""} onClose={close}>
      {action && copy && (
        <>
          {run.isSuccess ? (
            run.data.oneTimePassword ? (
              <OneTimePassword email={action.user.email} password={run.data.oneTimePassword} />
            ) : (
              <p role="status" className="text-sm text-success">
                Two-factor authentication was reset for {action.user.email}. Their sessions have ended.
              </p>
            )
          ) : (
            <>
              <p className="text-sm text-muted">{copy.explain(action.user.email)}</p>
              {isSelf && (
                <p className="text-sm font-medium text-sev-high">
                  This is your own account: you will be signed out too.
                </p>
              )}
              <FormError error={run.error} />
            </>
          )}
          <div className="flex justify-end gap-2">
            {run.isSuccess ? (
              <Button autoFocus onClick={close}>
                Done
              </Button>
            ) : (
              <>
                <Button variant="ghost" autoFocus onClick={close}>
                  Cancel
                </Button>
                <Button onClick={() => run.mutate(action)} disabled={run.isPending} aria-busy={run.isPending}>
                  {run.isPending ? "Working…" : copy.confirm}
                </Button>
              </>
            )}
          </div>
        </>
      )}
    </ModalDialog>
  );
}
