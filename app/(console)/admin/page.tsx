import type { Metadata } from "next";
import Link from "next/link";
import { AccountPanel } from "@/components/admin/account-panel";
import { requirePrincipal } from "@/components/auth/require-principal";
import { Code } from "@/components/ui/code";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";
import { can } from "@/lib/rbac/can.ts";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/admin")) return <AccessDenied principal={principal} href="/admin" />;

  return (
    <>
      <PageHeader title="Admin" description="Users, roles, API keys, the audit log and system settings." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="flex min-w-0 flex-col gap-6">
          {can(principal, "audit:read") && (
            <Link
              href="/admin/audit"
              className="group rounded-xl border border-border bg-surface px-5 py-4 transition-colors hover:border-border-strong hover:bg-surface-2"
            >
              <h2 className="text-sm font-semibold group-hover:text-accent">Audit log</h2>
              <p className="mt-1 text-sm text-muted">
                Who did what, when and from where: search, export and verify the tamper-evident record.
              </p>
            </Link>
          )}
          <EmptyState icon={<NavIcon name="admin" className="size-6" />} title="More administration tools are coming">
            <p>
              Managing users and roles and issuing and revoking API keys will happen here. They are not available in
              this build yet; meanwhile, operators create users with <Code>npm run cli</Code>.
            </p>
          </EmptyState>
        </div>
        <AccountPanel principal={principal} />
      </div>
    </>
  );
}
