import { redirect } from "next/navigation";
import { requirePrincipal } from "@/components/auth/require-principal";
import { NavIcon } from "@/components/shell/nav-icon";
import { AccessDenied } from "@/components/shell/access-denied";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen, navItemsFor } from "@/lib/nav.ts";

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
        description="Alert volume by severity, the riskiest entities and live activity across your sensors."
      />
      <EmptyState icon={<NavIcon name="overview" className="size-6" />} title="No events have been received yet">
        <p>
          Sensors send events to <Code>POST /api/v1/events</Code> with an API key in the{" "}
          <Code>Authorization: Bearer</Code> header. Once events arrive, this page summarises the alerts they raise.
        </p>
        <p className="font-medium text-fg">Event ingest is not enabled in this build yet.</p>
      </EmptyState>
    </>
  );
}
