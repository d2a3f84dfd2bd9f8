import type { Metadata } from "next";
import { UsersAdmin } from "@/components/admin/users/users-admin";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "users:read")) return <AccessDenied principal={principal} needs={["users:read"]} />;

  return (
    <>
      <AdminBreadcrumb page="Users" />
      <PageHeader
        title="Users"
        description="Who can sign in, with which roles, and whether they use two-factor authentication."
      />
      <UsersAdmin currentUserId={principal.id} canWrite={can(principal, "users:write")} />
    </>
  );
}
