import type { Metadata } from "next";
import { AccountPanel } from "@/components/admin/account-panel";
import { requirePrincipal } from "@/components/auth/require-principal";
import { Code } from "@/components/ui/code";
import { AccessDenied } from "@/components/shell/access-denied";
import { NavIcon } from "@/components/shell/nav-icon";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canOpen } from "@/lib/nav.ts";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const principal = await requirePrincipal();
  if (!canOpen(principal, "/admin")) return <AccessDenied principal={principal} href="/admin" />;

  return (
    <>
      <PageHeader title="Admin" description="Users, roles, API keys, the audit log and system settings." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <EmptyState icon={<NavIcon name="admin" className="size-6" />} title="Administration tools are coming">
          <p>
            Managing users and roles, issuing and revoking API keys, and reviewing the audit log will happen here. They
            are not available in this build yet; meanwhile, operators create users with <Code>npm run cli</Code>.
          </p>
        </EmptyState>
        <AccountPanel principal={principal} />
      </div>
    </>
  );
}
