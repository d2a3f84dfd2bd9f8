import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountPanel } from "@/components/admin/account-panel";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AccessDenied } from "@/components/shell/access-denied";
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
          {can(principal, "users:read") && (
            <AdminLink href="/admin/users" title="Users">
              Who can sign in and with which roles: add users, reset passwords and two-factor authentication, end
              sessions.
            </AdminLink>
          )}
          {can(principal, "users:read") && (
            <AdminLink href="/admin/roles" title="Roles">
              What each role may do: the built-in roles and custom roles made from the permission catalogue.
            </AdminLink>
          )}
          {can(principal, "apikeys:read") && (
            <AdminLink href="/admin/api-keys" title="API keys">
              Scoped, expiring keys for sensors, log shippers and scripts: issue, rotate and revoke them.
            </AdminLink>
          )}
          {can(principal, "settings:write") && (
            <AdminLink href="/admin/security" title="Security settings">
              The password minimum length and which roles must sign in with two-factor authentication.
            </AdminLink>
          )}
          {can(principal, "settings:write") && (
            <AdminLink href="/admin/storage" title="Event storage">
              How long events are kept (30 days by default), the events and bytes stored per day, and what the next run
              removes.
            </AdminLink>
          )}
          {can(principal, "settings:write") && (
            <AdminLink href="/admin/notifications" title="Notifications">
              Webhooks (Slack-compatible) that receive alerts from a minimum severity, with retries and a delivery log.
            </AdminLink>
          )}
          {can(principal, "audit:read") && (
            <AdminLink href="/admin/audit" title="Audit log">
              Who did what, when and from where: search, export and verify the tamper-evident record.
            </AdminLink>
          )}
        </div>
        <AccountPanel principal={principal} />
      </div>
    </>
  );
}

function AdminLink({ href, title, children }: { href: string; title: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="group rounded-xl border border-border bg-surface px-5 py-4 transition-colors hover:border-border-strong hover:bg-surface-2"
    >
      <h2 className="text-sm font-semibold group-hover:text-accent">{title}</h2>
      <p className="mt-1 text-sm text-muted">{children}</p>
    </Link>
  );
}
