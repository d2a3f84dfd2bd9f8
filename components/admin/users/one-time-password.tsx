"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A password shown once, with a copy button; nothing keeps it after this view closes. */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        One-time password for <span className="font-medium">{email}</span>. It is shown only now: pass it on over a channel you trust.{" "}
        {email} must choose a new password at their next sign-in.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="one-time-password"
          className="min-w-0 flex-1 rounded-md border border-border bg-bg px-3 py-2 font-mono text-sm break-all select-all"
        >
          {password}
        </code>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p role="status" className={`text-xs ${copied === "failed" ? "text-danger" : "text-success"}`}>
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying is blocked here: select the password and copy it by hand." : ""}
      </p>
    </div>
  );
}
