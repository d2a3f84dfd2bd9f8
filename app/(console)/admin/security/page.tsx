import type { Metadata } from "next";
import { SecuritySettings } from "@/components/admin/security/security-settings";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Security settings" };

export default async function SecuritySettingsPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "settings:write")) return <AccessDenied principal={principal} needs={["settings:write"]} />;

  return (
    <>
      <AdminBreadcrumb page="Security settings" />
      <PageHeader
        title="Security settings"
        description="How strong passwords must be and which roles must sign in with a second factor."
      />
      <SecuritySettings canEditRoles={can(principal, "roles:write")} />
    </>
  );
}
