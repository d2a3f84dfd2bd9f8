import type { ReactNode } from "react";
import { requirePrincipal } from "@/components/auth/require-principal";
import { LiveAlertsProvider } from "@/components/live/live-alerts";
import { AppShell } from "@/components/shell/app-shell";
import { can } from "@/lib/rbac/can.ts";
import { navItemsFor } from "@/lib/nav.ts";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <LiveAlertsProvider enabled={can(principal, "alerts:read") && principal.setup.length === 0}>
      <AppShell principal={principal} navItems={navItemsFor(principal)}>
        {children}
      </AppShell>
    </LiveAlertsProvider>
  );
}
