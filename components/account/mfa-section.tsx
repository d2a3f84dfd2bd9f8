"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EnrollMfaStep } from "@/components/auth/enroll-mfa-step";
import type { ReactNode } from "react";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { fetchMfaStatus, type MfaStatus } from "./account-api";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { RegenerateRecoveryCodes } from "./regenerate-recovery-codes";
import { formatDateTime } from "@/components/ui/time";

const LOW_RECOVERY_CODES = 3;

/** My two-factor status and, when it is on, fresh recovery codes. */
export function MfaSection() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.account.mfa, queryFn: fetchMfaStatus, retry: retryServerErrors });
  if (status.isPending) return <p className="text-sm text-muted">Loading two-factor status…</p>;
  if (status.isError)
    return <FormError error={new Error(`Your two-factor status could not be loaded: ${status.error.message}`)} />;
  const mfa = status.data;

  if (!mfa.enabled) {
    return (
      <div className="flex max-w-md flex-col gap-3">
        <p className="text-sm text-muted">
          <Badge>Off</Badge> Two-factor authentication is off for your account: none of your roles requires it.
        </p>
        <EnrollMfaStep
          optional
          onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.account.mfa })}
        />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid max-w-lg grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
        <Row label="Status">
          <Badge tone="success">On</Badge> Authenticator app
        </Row>
        <Row label="Turned on">{mfa.enabledAt ? formatDateTime(mfa.enabledAt) : "—"}</Row>
        <Row label="Recovery codes left">{mfa.recoveryCodesLeft}</Row>
      </dl>
      <LowCodesWarning mfa={mfa} />
      <RegenerateRecoveryCodes />
    </div>
  );
}

function LowCodesWarning({ mfa }: { mfa: MfaStatus }) {
  const left = mfa.recoveryCodesLeft;
  if (left > LOW_RECOVERY_CODES) return null;
  return (
    <p className="max-w-2xl rounded-lg border border-sev-medium/40 bg-sev-medium/10 px-4 py-3 text-sm">
      <strong className="font-semibold text-sev-medium">
        {left === 0 ? "No recovery codes left." : `Only ${left} recovery ${left === 1 ? "code" : "codes"} left.`}
      </strong>{" "}
      If you lose your authenticator app without one, an administrator has to reset your two-factor authentication.
      Generate new codes and keep them somewhere safe.
    </p>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
