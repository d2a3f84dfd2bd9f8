import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/alerts")) return <AccessDenied principal={principal} href="/alerts" />;

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Alerts raised when detection rules match incoming events, newest first, for triage."
      />
      <EmptyState icon={<NavIcon name="alerts" className="size-6" />} title="No alerts yet">
        <p>
          Alerts are raised from ingested events, and none have been received: event ingest is not enabled in this
          build yet. New alerts will appear here live, each scored 0–100.
        </p>
        <p className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1">
          <SeverityBadge severity="low" /> below 40 <SeverityBadge severity="medium" /> 40–69{" "}
          <SeverityBadge severity="high" /> 70–89 <SeverityBadge severity="critical" /> 90 and above
        </p>
      </EmptyState>
    </>
  );
}
