import type { Metadata } from "next";
import Link from "next/link";
import { requirePrincipal } from "@/components/auth/require-principal";
import { EntityView } from "@/components/entities/entity-view";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Entity" };

export default async function EntityPage({ params }: { params: Promise<{ type: string; value: string }> }) {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/entities")) return <AccessDenied principal={principal} href="/entities" />;
  const { type, value } = await params;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // already decoded, or not encoded: use as is
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href="/entities" className="hover:underline">
          Entities
        </Link>
      </nav>
      <PageHeader
        title={decoded}
        description={`${type === "ip" ? "Source IP" : type === "user" ? "User" : "Host"}: risk now and over time, alerts and recent events.`}
      />
      <EntityView type={type} value={decoded} />
    </>
  );
}
