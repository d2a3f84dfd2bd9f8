import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { IncidentsList } from "@/components/incidents/incidents-list";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/incidents")) return <AccessDenied principal={principal} href="/incidents" />;

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Alerts escalated into cases, with an owner, a status and a timeline."
      />
      <IncidentsList />
    </>
  );
}
