import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { NAV_ITEMS, navItemsFor, type NavHref } from "@/lib/nav.ts";
import type { Permission } from "@/lib/rbac/permissions.ts";
import type { Principal } from "@/lib/users/principal.ts";

/** A 403 panel naming what the page needs: a section's permissions (href), or a sub-page's own (needs). */
export function AccessDenied({
  principal,
  href,
  needs: own,
}: {
  principal: Principal;
  href?: NavHref;
  needs?: readonly Permission[];
}) {
  const needs = own ?? NAV_ITEMS.find((item) => item.href === href)?.anyOf ?? [];
  const elsewhere = navItemsFor(principal)[0];
  return (
    <section
      aria-labelledby="access-denied-title"
      className="mx-auto mt-10 max-w-xl rounded-xl border border-border bg-surface p-8 text-center"
    >
      <p className="font-mono text-sm font-medium text-danger">403 · Forbidden</p>
      <h1 id="access-denied-title" className="mt-2 text-xl font-semibold">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-3 text-sm text-muted">
        Your roles don&apos;t grant {needs.length > 1 ? "any of the permissions" : "the permission"} it needs:{" "}
        {needs.map((permission, i) => (
          <span key={permission}>
            {i > 0 && ", "}
            <code className="font-mono text-fg">{permission}</code>
          </span>
        ))}
        . Ask an administrator if you need access.
      </p>
      {elsewhere && (
        <Link href={elsewhere.href} className={buttonClasses("secondary", "mt-6")}>
          Go to {elsewhere.label}
        </Link>
      )}
    </section>
  );
}
