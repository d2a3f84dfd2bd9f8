import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/events")) return <AccessDenied principal={principal} href="/events" />;

  return (
    <>
      <PageHeader
        title="Events"
        description="Raw and parsed events from your sensors, in Elastic Common Schema fields, to search and filter."
      />
      <EmptyState icon={<NavIcon name="events" className="size-6" />} title="No events received yet">
        <p>
          Sensors send events to <Code>POST /api/v1/events</Code> with an API key; sshd, nginx and apache log lines are
          parsed on arrival.
        </p>
        <p className="font-medium text-fg">Event ingest is not enabled in this build yet.</p>
      </EmptyState>
    </>
  );
}
