"use client";

import { signIn, type SignInResponse } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState, useSyncExternalStore, type FormEvent, type InputHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";

const INCORRECT = "Email or password is incorrect.";
const UNAVAILABLE = "Sign-in could not be completed. Try again.";

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

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError ?? "");
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError("");
    const credentials = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    };
    try {
      let result = await signIn("credentials", credentials);
      if (csrfRejected(result)) result = await signIn("credentials", credentials);
      if (csrfRejected(result)) {
        setError(UNAVAILABLE);
        setPending(false);
        return;
      }
      if (!result?.ok || result.error) {
        setError(INCORRECT);
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(UNAVAILABLE);
      setPending(false);
    }
  }

  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <Field id={`${id}-email`} name="email" label="Email" type="email" autoComplete="username" errorId={describedBy} />
      <Field
        id={`${id}-password`}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        errorId={describedBy}
      />
      <div id={errorId} role="alert" className="-my-2 min-h-5 text-sm text-danger">
        {error}
      </div>
      <Button type="submit" disabled={pending || !hydrated} aria-busy={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

function Field({
  id,
  label,
  errorId,
  ...input
}: { id: string; label: string; errorId?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        required
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="h-10 rounded-md border border-border-strong bg-bg px-3 text-sm text-fg placeholder:text-muted focus-visible:border-accent aria-invalid:border-danger"
        {...input}
      />
    </div>
  );
}
