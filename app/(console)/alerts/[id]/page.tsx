import type { Metadata } from "next";
import Link from "next/link";
import { AlertDetailView } from "@/components/alerts/alert-detail";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";
import { can } from "@/lib/rbac/can.ts";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/alerts")) return <AccessDenied principal={principal} href="/alerts" />;
  const { id } = await params;
  const alert = /^[0-9a-f-]{36}$/.test(id)
    ? await processRuntime().db.prisma.alert.findFirst({
        where: { id, orgId: principal.orgId },
        select: { title: true },
      })
    : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href="/alerts" className="hover:underline">
          Alerts
        </Link>
      </nav>
      <PageHeader
        title={alert?.title ?? "Alert not found"}
        description="Score breakdown, contributing events and entities, timeline and triage."
      />
      {alert ? (
        <AlertDetailView id={id} canTriage={can(principal, "alerts:write")} />
      ) : (
        <p className="text-sm text-muted">No alert with that id in your organisation.</p>
      )}
    </>
  );
}
