import type { ReactNode } from "react";
import { requirePrincipal } from "@/components/auth/require-principal";
import { AppShell } from "@/components/shell/app-shell";
import { navItemsFor } from "@/lib/nav.ts";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <AppShell principal={principal} navItems={navItemsFor(principal)}>
      {children}
    </AppShell>
  );
}
