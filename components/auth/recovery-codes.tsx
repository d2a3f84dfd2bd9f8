"use client";

import { Button } from "@/components/ui/button";

/** Recovery codes, shown once: each works one time when the authenticator is not at hand. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `SecureNet recovery codes\n\n${codes.join("\n")}\n\nEach code works once.\n`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator. They are
        shown only now.
      </p>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-2 rounded-md border border-border bg-bg p-3 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(codes.join("\n"))}>
          Copy
        </Button>
        <a
          className="inline-flex h-9 items-center rounded-md border border-border-strong bg-surface-2 px-4 text-sm font-medium hover:bg-border"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="securenet-recovery-codes.txt"
        >
          Download
        </a>
      </div>
    </div>
  );
}
