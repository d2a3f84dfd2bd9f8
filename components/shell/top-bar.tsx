import Link from "next/link";
import { FeedStatusBadge } from "@/components/live/live-alerts";
import { buttonClasses } from "@/components/ui/button";
import type { Principal } from "@/lib/users/principal.ts";
import { SignOutButton } from "./sign-out-button";

export function TopBar({ principal }: { principal: Principal }) {
  return (
    <header className="sticky top-0 z-10 flex h-14 shrink-0 items-center justify-end gap-4 border-b border-border bg-bg/95 px-4 backdrop-blur xl:px-8">
      {principal.permissions.includes("alerts:read") && (
        <div className="mr-auto">
          <FeedStatusBadge />
        </div>
      )}
      <div className="flex min-w-0 items-center gap-3">
        <div className="flex min-w-0 flex-col items-end leading-tight">
          <span className="max-w-[16rem] truncate text-sm font-medium xl:max-w-[24rem]" title={principal.email}>
            {principal.email}
          </span>
          <ul aria-label="Roles" className="mt-0.5 flex flex-wrap justify-end gap-1">
            {principal.roles.length === 0 ? (
              <li className="text-xs text-muted">No roles</li>
            ) : (
              principal.roles.map((role) => (
                <li
                  key={role}
                  className="rounded border border-border px-1.5 font-mono text-[11px] leading-4 text-muted"
                >
                  {role}
                </li>
              ))
            )}
          </ul>
        </div>
        <Link href="/account" className={buttonClasses("ghost")}>
          Account security
        </Link>
        <SignOutButton />
      </div>
    </header>
  );
}
