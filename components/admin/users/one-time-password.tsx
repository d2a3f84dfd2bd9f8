"use client";

import { CopyableSecret } from "@/components/ui/copyable-secret";

/** A password shown once, with a copy button; nothing keeps it after this view closes. */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        One-time password for <span className="font-medium">{email}</span>. It is shown only now: pass it on over a
        channel you trust. {email} must choose a new password at their next sign-in.
      </p>
      <CopyableSecret secret={password} testId="one-time-password" what="password" />
    </div>
  );
}
