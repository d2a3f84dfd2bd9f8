import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/components/auth/require-principal";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { SetupFlow } from "@/components/auth/setup-flow";
import { BrandMark } from "@/components/shell/brand-mark";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";

export const metadata: Metadata = { title: "Finish account setup" };

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const principal = await getPrincipal();
  if (!principal) redirect("/sign-in");
  if (!principal.setup.length) redirect(callbackUrl);
  const org = await processRuntime().db.prisma.org.findUniqueOrThrow({ where: { id: principal.orgId } });

  return (
    <main id="main-content" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <BrandMark className="size-10" />
          <h1 className="text-2xl font-semibold tracking-tight">Secure your account</h1>
          <p className="text-sm text-muted">Signed in as {principal.email}</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-lg shadow-black/30">
          <SetupFlow
            key={principal.setup.join()}
            steps={principal.setup}
            minLength={org.passwordMinLength}
            callbackUrl={callbackUrl}
          />
        </div>
        <div className="mt-4 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
