import type { Metadata } from "next";
import { ApiKeysAdmin } from "@/components/admin/api-keys/api-keys-admin";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "apikeys:read")) return <AccessDenied principal={principal} needs={["apikeys:read"]} />;

  return (
    <>
      <AdminBreadcrumb page="API keys" />
      <PageHeader
        title="API keys"
        description="Scoped, expiring keys for machines. Send one as Authorization: Bearer sn_… to the API, or as auth.token to the live feed."
      />
      <ApiKeysAdmin canWrite={can(principal, "apikeys:write")} myPermissions={principal.permissions} />
    </>
  );
}
