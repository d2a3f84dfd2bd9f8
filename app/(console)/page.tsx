import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePrincipal } from "@/components/auth/require-principal";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen, navItemsFor } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/")) {
    // Sign-in lands here; send people whose roles skip the overview to a section they can open.
    const first = navItemsFor(principal)[0];
    if (first) redirect(first.href);
    return <AccessDenied principal={principal} href="/" />;
  }

  return (
    <>
      <PageHeader
        title="Overview"
        description="Alerts as they are raised, their volume by severity, the riskiest entities and how fast the team responds."
      />
      <OverviewDashboard />
    </>
  );
}
