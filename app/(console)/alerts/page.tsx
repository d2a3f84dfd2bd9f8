import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/alerts")) return <AccessDenied principal={principal} href="/alerts" />;

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Every alert, filterable and shareable by link; select several to acknowledge, assign or close them at once."
      />
      <Suspense>
        <AlertsTable canTriage={can(principal, "alerts:write")} canReadRules={can(principal, "rules:read")} />
      </Suspense>
    </>
  );
}
