import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePrincipal } from "@/components/auth/require-principal";
import { EventsExplorer } from "@/components/events/events-explorer";
import { AccessDenied } from "@/components/shell/access-denied";
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
        description="Stored events by field and time range, as sensors sent them and as SecureNet parsed them."
      />
      <Suspense>
        <EventsExplorer />
      </Suspense>
    </>
  );
}
