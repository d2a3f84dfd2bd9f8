import type { Metadata } from "next";
import { RolesAdmin } from "@/components/admin/roles/roles-admin";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "users:read")) return <AccessDenied principal={principal} needs={["users:read"]} />;

  return (
    <>
      <AdminBreadcrumb page="Roles" />
      <PageHeader
        title="Roles"
        description="What each role may do. Built-in roles follow the permission catalogue; custom roles are yours to shape."
      />
      <RolesAdmin canWrite={can(principal, "roles:write")} myPermissions={principal.permissions} />
    </>
  );
}
