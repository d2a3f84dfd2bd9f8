"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { verifyChain, type VerifyResult } from "./audit-api";

function summary(result: VerifyResult): string {
  if (!result.ok) return `Chain broken: ${result.firstBad?.message ?? "verification failed"}.`;
  if (result.checked === 0) return "Chain intact: no entries yet.";
  return `Chain intact: ${result.checked.toLocaleString()} entries verified (#${result.firstSeq}–#${result.lastSeq}).`;
}

/** Re-verifies the org's whole hash chain on the server and says whether it holds. */
export function VerifyChainButton() {
  const verify = useMutation({ mutationFn: verifyChain });
  const tone = verify.isError || verify.data?.ok === false ? "text-danger" : "text-success";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
        aria-busy={verify.isPending}
      >
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      <p role="status" className={`text-sm ${tone}`}>
        {verify.isPending
          ? ""
          : verify.isError
            ? `Verification failed: ${verify.error.message}`
            : verify.data
              ? summary(verify.data)
              : ""}
      </p>
    </div>
  );
}
