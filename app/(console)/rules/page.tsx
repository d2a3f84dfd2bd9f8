import type { Metadata } from "next";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/rules")) return <AccessDenied principal={principal} href="/rules" />;

  return (
    <>
      <PageHeader
        title="Rules"
        description="Detection rules that score incoming events and raise alerts, with the points each one contributes."
      />
      <EmptyState icon={<NavIcon name="rules" className="size-6" />} title="No rules loaded">
        <p>
          The detection engine and its shipped rules are not part of this build yet, so there is nothing to list or test
          here.
        </p>
      </EmptyState>
    </>
  );
}
