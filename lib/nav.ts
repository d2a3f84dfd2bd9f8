// The console's sections and who may open them. The sidebar and every page read this one table.
import { can, type Subject } from "@/lib/rbac/can.ts";
import type { Permission } from "@/lib/rbac/permissions.ts";

export type NavIcon = "overview" | "alerts" | "incidents" | "entities" | "events" | "rules" | "admin";

export interface NavItem {
  href: string;
  label: string;
  icon: NavIcon;
  /** Any one of these permissions opens the section. */
  anyOf: readonly Permission[];
}

export const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: "overview", anyOf: ["alerts:read"] },
  { href: "/alerts", label: "Alerts", icon: "alerts", anyOf: ["alerts:read"] },
  { href: "/incidents", label: "Incidents", icon: "incidents", anyOf: ["alerts:read"] },
  { href: "/entities", label: "Entities", icon: "entities", anyOf: ["alerts:read"] },
  { href: "/events", label: "Events", icon: "events", anyOf: ["events:read"] },
  { href: "/rules", label: "Rules", icon: "rules", anyOf: ["rules:read"] },
  {
    href: "/admin",
    label: "Admin",
    icon: "admin",
    anyOf: ["users:read", "roles:write", "apikeys:read", "audit:read", "settings:write"],
  },
] as const satisfies readonly NavItem[];

export type NavHref = (typeof NAV_ITEMS)[number]["href"];

export function canOpen(subject: Subject | null | undefined, href: NavHref): boolean {
  const item = NAV_ITEMS.find((i) => i.href === href);
  return !!item && item.anyOf.some((permission) => can(subject, permission));
}

export function navItemsFor(subject: Subject | null | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpen(subject, item.href));
}
