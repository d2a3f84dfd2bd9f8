import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { RulesAdmin } from "@/components/rules/rules-admin";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/rules")) return <AccessDenied principal={principal} href="/rules" />;

  return (
    <>
      <PageHeader
        title="Rules"
        description="Payload detectors, threshold rules, Sigma rules and reputation lists that score incoming events, with the points each one contributes."
      />
      <RulesAdmin
        canWriteRules={can(principal, "rules:write")}
        canWriteSettings={can(principal, "settings:write")}
        canSeeBlocks={can(principal, "alerts:read")}
      />
    </>
  );
}
