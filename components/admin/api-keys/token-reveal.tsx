"use client";

import { CopyableSecret } from "@/components/ui/copyable-secret";
import { Button } from "@/components/ui/button";

/** A new key's token, shown once with a copy button; nothing keeps it after this view closes. */
export function TokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-accent/40 bg-accent/5 p-4">
      <p className="text-sm">
        The key <span className="font-medium">{name}</span>. Copy it now: <strong>you will not see it again</strong>.
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <CopyableSecret secret={token} testId="new-api-key-token" what="key">
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </CopyableSecret>
    </div>
  );
}
