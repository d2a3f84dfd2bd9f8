import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { navItemsFor } from "@/lib/nav.ts";
import type { Principal } from "@/lib/users/principal.ts";

// The shell's AccessDenied lists what a top-level section accepts (for Admin, any of five
// permissions); this sub-page accepts only audit:read, so it says so itself.
export function AuditAccessDenied({ principal }: { principal: Principal }) {
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
        Your roles don&apos;t grant the permission it needs: <code className="font-mono text-fg">audit:read</code>. Ask an
        administrator if you need access.
      </p>
      {elsewhere && (
        <Link href={elsewhere.href} className={buttonClasses("secondary", "mt-6")}>
          Go to {elsewhere.label}
        </Link>
      )}
    </section>
  );
}
