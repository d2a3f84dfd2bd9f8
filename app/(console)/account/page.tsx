import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { MfaSection } from "@/components/account/mfa-section";
import { Panel } from "@/components/ui/panel";
import { SessionsSection } from "@/components/account/sessions-section";
import { requirePrincipal } from "@/components/auth/require-principal";
import { PageHeader } from "@/components/ui/page-header";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";

export const metadata: Metadata = { title: "Account security" };

export default async function AccountSecurityPage() {
  const principal = await requirePrincipal();
  const org = await processRuntime().db.prisma.org.findUniqueOrThrow({
    where: { id: principal.orgId },
    select: { passwordMinLength: true },
  });

  return (
    <>
      <PageHeader
        title="Account security"
        description={`Your password, two-factor authentication and where you are signed in as ${principal.email}.`}
      />
      <div className="flex flex-col gap-6">
        <Panel title="Password" description="Changing it signs you out everywhere except this browser.">
          <ChangePasswordForm minLength={org.passwordMinLength} />
        </Panel>
        <Panel
          title="Two-factor authentication"
          description="A code from your authenticator app after your password, or a recovery code when the app is not at hand."
        >
          <MfaSection />
        </Panel>
        <Panel
          title="Sessions"
          description="Browsers signed in to your account. Revoke any you do not recognise, then change your password."
        >
          <SessionsSection />
        </Panel>
      </div>
    </>
  );
}
