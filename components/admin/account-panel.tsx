import type { ReactNode } from "react";
import type { Principal } from "@/lib/users/principal.ts";

export function AccountPanel({ principal }: { principal: Principal }) {
  return (
    <section aria-labelledby="account-title" className="rounded-xl border border-border bg-surface">
      <h2 id="account-title" className="border-b border-border px-5 py-3 text-sm font-semibold">
        Your account
      </h2>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-3 px-5 py-4 text-sm">
        <Row label="Email">{principal.email}</Row>
        {principal.name && <Row label="Name">{principal.name}</Row>}
        <Row label="Roles">
          <Chips values={principal.roles} empty="No roles" />
        </Row>
        <Row label="Permissions">
          <Chips values={principal.permissions} empty="No permissions" />
        </Row>
      </dl>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Chips({ values, empty }: { values: readonly string[]; empty: string }) {
  if (values.length === 0) return <span className="text-muted">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {values.map((value) => (
        <li key={value} className="rounded border border-border bg-surface-2 px-1.5 font-mono text-xs leading-5">
          {value}
        </li>
      ))}
    </ul>
  );
}
