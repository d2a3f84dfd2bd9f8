import type { Metadata } from "next";
import { NotificationsAdmin } from "@/components/admin/notifications/notifications-admin";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "settings:write")) return <AccessDenied principal={principal} needs={["settings:write"]} />;

  return (
    <>
      <AdminBreadcrumb page="Notifications" />
      <PageHeader title="Notifications" description="Send alerts to chat and paging tools through webhooks." />
      <NotificationsAdmin />
    </>
  );
}
