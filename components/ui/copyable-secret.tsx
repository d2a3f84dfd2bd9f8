"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A secret shown once, selectable, with a copy button (and whatever else goes beside it). */
export function CopyableSecret({
  secret,
  testId,
  what,
  children,
}: {
  secret: string;
  testId: string;
  what: string;
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 rounded-md border border-border bg-bg px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
        {children}
      </div>
      <p role="status" className={`text-xs ${copied === "failed" ? "text-danger" : "text-success"}`}>
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? `Copying is blocked here: select the ${what} and copy it by hand.`
            : ""}
      </p>
    </>
  );
}
