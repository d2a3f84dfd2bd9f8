import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { EntityList } from "@/components/entities/entity-list";
import { AccessDenied } from "@/components/shell/access-denied";
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
        description="Source IPs, users and hosts named by detections, riskiest first; risk fades with the configured half-life."
      />
      <EntityList />
    </>
  );
}
