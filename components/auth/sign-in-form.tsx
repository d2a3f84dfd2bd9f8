"use client";

import { signIn, type SignInResponse } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "./field";

const INCORRECT = "Email or password is incorrect.";
const CODE_INCORRECT =
  "That code did not work. Enter the current code from your authenticator app, or a recovery code.";
const UNAVAILABLE = "Sign-in could not be completed. Try again.";
/** next-auth passes the authorize() error message through; the server names this one. */
const MFA_REQUIRED = "mfa_required";

/** next-auth redirects its own failures here with ?error=<code>; none of them may hint at which field was wrong. */
export function signInErrorMessage(code: string | string[]): string {
  return code === "CredentialsSignin" ? INCORRECT : UNAVAILABLE;
}

/**
 * A first visit can race the session fetch against the CSRF fetch, leaving a cookie that does not
 * match the token; next-auth then answers "ok" with a ?csrf=true URL and no session. One retry
 * reads the settled cookie.
 */
function csrfRejected(result: SignInResponse | undefined): boolean {
  if (!result?.url) return false;
  return new URL(result.url, window.location.origin).searchParams.has("csrf");
}

// Until hydration a submit would be a plain form post without the CSRF handshake; keep the button off till then.
const noopSubscribe = () => () => {};

type Credentials = { email: string; password: string };

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError ?? "");
  // Set once the password was accepted and a second factor is needed; kept only in memory.
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const hydrated = useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );

  async function attempt(fields: Credentials & { code?: string }) {
    const body = { ...fields, redirect: false };
    let result = await signIn("credentials", body);
    if (csrfRejected(result)) result = await signIn("credentials", body);
    return result;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = credentials
      ? { ...credentials, code: String(form.get("code") ?? "") }
      : { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError("");
    try {
      const result = await attempt(fields);
      if (csrfRejected(result)) return fail(UNAVAILABLE);
      if (result?.error === MFA_REQUIRED) {
        setCredentials({ email: fields.email, password: fields.password });
        setPending(false);
        return;
      }
      if (!result?.ok || result.error) return fail(credentials ? CODE_INCORRECT : INCORRECT);
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      fail(UNAVAILABLE);
    }
  }

  function fail(message: string) {
    setError(message);
    setPending(false);
  }

  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      {credentials ? (
        <>
          <p className="text-sm text-muted">
            Enter the 6-digit code from your authenticator app for <span className="text-fg">{credentials.email}</span>,
            or one of your recovery codes.
          </p>
          <Field
            key="code"
            id={`${id}-code`}
            name="code"
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            maxLength={16}
            errorId={describedBy}
          />
        </>
      ) : (
        <>
          <Field
            id={`${id}-email`}
            name="email"
            label="Email"
            type="email"
            autoComplete="username"
            errorId={describedBy}
          />
          <Field
            id={`${id}-password`}
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            errorId={describedBy}
          />
        </>
      )}
      <div id={errorId} role="alert" className="-my-2 min-h-5 text-sm text-danger">
        {error}
      </div>
      <Button type="submit" disabled={pending || !hydrated} aria-busy={pending} className="w-full">
        {pending ? "Signing in…" : credentials ? "Verify" : "Sign in"}
      </Button>
      {credentials && (
        <Button variant="ghost" onClick={() => (setCredentials(null), setError(""))}>
          Use a different account
        </Button>
      )}
    </form>
  );
}
