import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/incidents")) return <AccessDenied principal={principal} href="/incidents" />;

  return (
    <>
      <PageHeader title="Incidents" description="Related alerts grouped together so they can be investigated as one case." />
      <EmptyState icon={<NavIcon name="incidents" className="size-6" />} title="No incidents yet">
        <p>
          Incidents are built from alerts, and there are no alerts yet because event ingest is not enabled in this build.
        </p>
      </EmptyState>
    </>
  );
}
