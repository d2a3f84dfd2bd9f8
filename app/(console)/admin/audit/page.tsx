import type { Metadata } from "next";
import { Suspense } from "react";
import { AccessDenied } from "@/components/shell/access-denied";
import { AdminBreadcrumb } from "@/components/shell/admin-breadcrumb";
import { AuditLog } from "@/components/audit/audit-log";
import { requirePrincipal } from "@/components/auth/require-principal";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const principal = await requirePrincipal();
  if (!can(principal, "audit:read")) return <AccessDenied principal={principal} needs={["audit:read"]} />;

  return (
    <>
      <AdminBreadcrumb page="Audit log" />
      <PageHeader
        title="Audit log"
        description="Who did what, when and from where. Every entry is chained to the one before it by a SHA-256 hash, so an edited or deleted entry breaks the chain."
      />
      <Suspense>
        <AuditLog />
      </Suspense>
    </>
  );
}
