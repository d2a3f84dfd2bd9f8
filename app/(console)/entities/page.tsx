import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Entities" };

export default async function EntitiesPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/entities")) return <AccessDenied principal={principal} href="/entities" />;

  return (
    <>
      <PageHeader
        title="Entities"
        description="Source IPs, users and hosts seen in events, with their risk score now and their alert history."
      />
      <EmptyState icon={<NavIcon name="entities" className="size-6" />} title="No entities seen yet">
        <p>
          Entities are taken from ingested events, and none have been received: event ingest is not enabled in this
          build yet.
        </p>
      </EmptyState>
    </>
  );
}
