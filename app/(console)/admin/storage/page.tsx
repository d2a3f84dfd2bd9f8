import type { Metadata } from "next";
import { EventStorageSettings } from "@/components/admin/storage/event-storage";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Event storage" };

export default async function EventStoragePage() {
  const principal = await requirePrincipal();
  if (!can(principal, "settings:write")) return <AccessDenied principal={principal} needs={["settings:write"]} />;

  return (
    <>
      <AdminBreadcrumb page="Event storage" />
      <PageHeader
        title="Event storage"
        description="How long events are kept, what each day takes on disk, and what the next run removes."
      />
      <EventStorageSettings />
    </>
  );
}
