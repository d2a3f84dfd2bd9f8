import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/components/auth/require-principal";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { SignInForm, signInErrorMessage } from "@/components/auth/sign-in-form";
import { BrandMark } from "@/components/shell/brand-mark";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const principal = await getPrincipal();
  if (principal)
    redirect(principal.setup.length ? `/setup?callbackUrl=${encodeURIComponent(callbackUrl)}` : callbackUrl);

  return (
    <main id="main-content" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <BrandMark className="size-10" />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to SecureNet</h1>
          <p className="text-sm text-muted">Security operations console</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-lg shadow-black/30">
          <SignInForm
            callbackUrl={callbackUrl}
            initialError={params.error ? signInErrorMessage(params.error) : undefined}
          />
        </div>
      </div>
    </main>
  );
}
