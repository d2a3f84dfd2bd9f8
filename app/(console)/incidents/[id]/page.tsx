import type { Metadata } from "next";
import Link from "next/link";
import { requirePrincipal } from "@/components/auth/require-principal";
import { IncidentView } from "@/components/incidents/incident-view";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import { canOpen } from "@/lib/nav.ts";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/incidents")) return <AccessDenied principal={principal} href="/incidents" />;
  const { id } = await params;
  const incident = /^[0-9a-f-]{36}$/.test(id)
    ? await processRuntime().db.prisma.incident.findFirst({
        where: { id, orgId: principal.orgId },
        select: { title: true },
      })
    : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href="/incidents" className="hover:underline">
          Incidents
        </Link>
      </nav>
      <PageHeader
        title={incident?.title ?? "Incident not found"}
        description="Its alerts, owner, status and timeline."
      />
      {incident ? (
        <IncidentView id={id} canWrite={can(principal, "alerts:write")} />
      ) : (
        <p className="text-sm text-muted">No incident with that id in your organisation.</p>
      )}
    </>
  );
}
