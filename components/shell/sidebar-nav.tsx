"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/nav.ts";
import { NavIcon } from "./nav-icon";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function SidebarNav({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Primary" className="flex-1 overflow-y-auto px-2 py-3 xl:px-3">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                title={item.label}
                aria-current={active ? "page" : undefined}
                className={[
                  "group relative flex h-10 items-center justify-center gap-3 rounded-md px-3 text-sm font-medium transition-colors xl:justify-start",
                  active ? "bg-accent/15 text-fg" : "text-muted hover:bg-surface-2 hover:text-fg",
                ].join(" ")}
              >
                {active && (
                  <span aria-hidden="true" className="absolute inset-y-2 left-0 w-0.5 rounded-full bg-accent" />
                )}
                <NavIcon name={item.icon} className={active ? "size-5 text-accent" : "size-5"} />
                <span className="sr-only xl:not-sr-only">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
