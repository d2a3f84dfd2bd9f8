"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;

  return (
    <section role="alert" className="mx-auto mt-10 max-w-xl rounded-xl border border-border bg-surface p-8 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-sm text-muted">
        This page could not be loaded. Try again; if it keeps failing, check the server log.
      </p>
      {digest && (
        <p className="mt-2 text-xs text-muted">
          Reference <code className="font-mono text-fg">{digest}</code>
        </p>
      )}
      <Button className="mt-6" onClick={() => retry()}>
        Try again
      </Button>
    </section>
  );
}
