"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/components/ui/api-client";
import { Field } from "./field";
import { confirmEnrollment, startEnrollment, type Enrollment } from "./setup-api";
import { RecoveryCodes } from "./recovery-codes";

/** TOTP enrollment: scan the QR code (or type the key), confirm with a code, save the recovery codes. */
export function EnrollMfaStep({ onDone, optional = false }: { onDone: () => void; optional?: boolean }) {
  const id = useId();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setPending(true);
    setError("");
    try {
      return await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "That did not work. Try again.");
    } finally {
      setPending(false);
    }
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    const result = await run(() => confirmEnrollment(code));
    if (result) setCodes(result.recoveryCodes);
  }

  if (codes) {
    return (
      <div className="flex flex-col gap-4">
        <RecoveryCodes codes={codes} />
        <Button onClick={onDone}>I have saved my recovery codes</Button>
      </div>
    );
  }

  if (!enrollment) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-muted">
          {optional
            ? "Your roles do not require it, but a second factor protects your account."
            : "SecureNet requires two-factor authentication."}{" "}
          You need an authenticator app (for example Aegis, Google Authenticator, 1Password or Microsoft Authenticator).
        </p>
        <div role="alert" className="text-sm text-danger">
          {error}
        </div>
        <Button disabled={pending} onClick={async () => setEnrollment((await run(startEnrollment)) ?? null)}>
          Set up authenticator app
        </Button>
      </div>
    );
  }

  const errorId = error ? `${id}-error` : undefined;
  return (
    <form onSubmit={onConfirm} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-muted">
        Scan this QR code with your authenticator app, then enter the 6-digit code it shows.
      </p>
      {/* The SVG is rendered by the server from the otpauth URI; it holds no user-supplied markup. */}
      <div
        role="img"
        aria-label="QR code for your authenticator app"
        className="mx-auto w-48 rounded-md bg-white p-2"
        dangerouslySetInnerHTML={{ __html: enrollment.qrSvg }}
      />
      <div className="text-sm">
        <p className="text-muted">Can&apos;t scan it? Enter this key instead:</p>
        <p className="mt-1 break-all font-mono text-fg" aria-label="Secret key" data-testid="totp-secret">
          {enrollment.secret}
        </p>
      </div>
      <Field
        id={`${id}-code`}
        name="code"
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        errorId={errorId}
      />
      <div id={`${id}-error`} role="alert" className="text-sm text-danger">
        {error}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Checking…" : "Verify and turn on"}
      </Button>
    </form>
  );
}
