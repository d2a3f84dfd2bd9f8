"use client";

import { useRouter } from "next/navigation";
import type { SetupStep } from "@/lib/users/principal.ts";
import { ChangePasswordStep } from "./change-password-step";
import { EnrollMfaStep } from "./enroll-mfa-step";

const TITLES: Record<SetupStep, string> = {
  password_change: "Choose your password",
  mfa_enrollment: "Turn on two-factor authentication",
};

/** The steps a user must finish before the console opens, one at a time; the server decides which remain. */
export function SetupFlow({
  steps,
  minLength,
  callbackUrl,
}: {
  steps: SetupStep[];
  minLength: number;
  callbackUrl: string;
}) {
  const router = useRouter();
  const step = steps[0]!;
  const next = () => {
    if (steps.length > 1) router.refresh();
    else {
      router.replace(callbackUrl);
      router.refresh();
    }
  };
  return (
    <section aria-labelledby="setup-title" className="flex flex-col gap-4">
      <p className="text-xs uppercase tracking-wide text-muted">
        Step {steps.length > 1 ? 1 : "last"} of account setup
      </p>
      <h2 id="setup-title" className="text-lg font-semibold">
        {TITLES[step]}
      </h2>
      {step === "password_change" ? (
        <ChangePasswordStep minLength={minLength} onDone={next} />
      ) : (
        <EnrollMfaStep onDone={next} />
      )}
    </section>
  );
}
