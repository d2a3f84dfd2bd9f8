import Link from "next/link";
import type { ReactNode } from "react";
import type { NavItem } from "@/lib/nav.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { BrandMark } from "./brand-mark";
import { SidebarNav } from "./sidebar-nav";
import { TopBar } from "./top-bar";

export function AppShell({
  principal,
  navItems,
  children,
}: {
  principal: Principal;
  navItems: readonly NavItem[];
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-accent focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-accent-fg"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-16 shrink-0 flex-col border-r border-border bg-surface xl:w-60">
        <Link
          href="/"
          className="flex h-14 shrink-0 items-center justify-center gap-2.5 border-b border-border px-3 xl:justify-start xl:px-5"
        >
          <BrandMark />
          <span className="sr-only text-base font-semibold tracking-tight xl:not-sr-only">SecureNet</span>
        </Link>
        <SidebarNav items={navItems} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar principal={principal} />
        <main id="main-content" tabIndex={-1} className="flex-1 px-6 py-6 outline-none xl:px-8 xl:py-8">
          <div className="mx-auto w-full max-w-7xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
