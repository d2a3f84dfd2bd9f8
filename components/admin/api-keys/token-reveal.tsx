"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A new key's token, shown once with a copy button; nothing keeps it after this view closes. */
export function TokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-accent/40 bg-accent/5 p-4">
      <p className="text-sm">
        The key <span className="font-medium">{name}</span>. Copy it now: <strong>you will not see it again</strong>. Send it as{" "}
        <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key-token" className="min-w-0 flex-1 rounded-md border border-border bg-bg px-3 py-2 font-mono text-sm break-all select-all">
          {token}
        </code>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p role="status" className={`text-xs ${copied === "failed" ? "text-danger" : "text-success"}`}>
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying is blocked here: select the key and copy it by hand." : ""}
      </p>
    </div>
  );
}
