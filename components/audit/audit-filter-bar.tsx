"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/audit/actions.ts";

const NAMESPACES = [...new Set(AUDIT_ACTIONS.map((action) => action.split(".")[0]!))];

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
function toLocalInput(iso: string | null): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (browser time zone) as an ISO instant; "To" covers its whole minute. */
function fromLocalInput(value: string, endOfMinute: boolean): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() + (endOfMinute ? 59_999 : 0)).toISOString();
}

// Times show in the browser's zone, which the server does not know: fill them in after hydration.
const noopSubscribe = () => () => {};

export function AuditFilterBar({ params }: { params: URLSearchParams }) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const hydrated = useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
  const action = params.get("action") ?? "";
  const custom =
    action && !(AUDIT_ACTIONS as readonly string[]).includes(action) && !NAMESPACES.some((ns) => action === `${ns}.*`);

  function apply(form: HTMLFormElement) {
    const data = new FormData(form);
    const next = new URLSearchParams();
    // targetType has no field here; keep it when it came with a shared link.
    const targetType = params.get("targetType");
    if (targetType) next.set("targetType", targetType);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    for (const name of ["actor", "action", "outcome", "target", "q"]) if (text(name)) next.set(name, text(name));
    const since = text("from") && fromLocalInput(text("from"), false);
    const until = text("to") && fromLocalInput(text("to"), true);
    if (since) next.set("since", since);
    if (until) next.set("until", until);
    const search = next.toString();
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(event.currentTarget);
  }

  return (
    <form
      key={`${params.toString()}|${hydrated}`}
      role="search"
      aria-label="Filter the audit log"
      onSubmit={onSubmit}
      className="grid gap-3 rounded-xl border border-border bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field id={`${id}-actor`} label="Actor">
        <input
          id={`${id}-actor`}
          name="actor"
          defaultValue={params.get("actor") ?? ""}
          placeholder="Email or id"
          className={INPUT}
        />
      </Field>
      <Field id={`${id}-action`} label="Action">
        <select
          id={`${id}-action`}
          name="action"
          defaultValue={action}
          onChange={(e) => apply(e.currentTarget.form!)}
          className={INPUT}
        >
          <option value="">All actions</option>
          {custom && <option value={action}>{action}</option>}
          {NAMESPACES.map((ns) => (
            <optgroup key={ns} label={ns}>
              <option value={`${ns}.*`}>{`${ns}.* (any)`}</option>
              {AUDIT_ACTIONS.filter((a) => a.startsWith(`${ns}.`)).map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id={`${id}-outcome`} label="Outcome">
        <select
          id={`${id}-outcome`}
          name="outcome"
          defaultValue={params.get("outcome") ?? ""}
          onChange={(e) => apply(e.currentTarget.form!)}
          className={INPUT}
        >
          <option value="">All outcomes</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-target`} label="Target">
        <input
          id={`${id}-target`}
          name="target"
          defaultValue={params.get("target") ?? ""}
          placeholder="Label or id"
          className={INPUT}
        />
      </Field>
      <Field id={`${id}-from`} label="From">
        <input
          id={`${id}-from`}
          name="from"
          type="datetime-local"
          defaultValue={hydrated ? toLocalInput(params.get("since")) : ""}
          className={INPUT}
        />
      </Field>
      <Field id={`${id}-to`} label="To">
        <input
          id={`${id}-to`}
          name="to"
          type="datetime-local"
          defaultValue={hydrated ? toLocalInput(params.get("until")) : ""}
          className={INPUT}
        />
      </Field>
      <Field id={`${id}-q`} label="Search" className="sm:col-span-2 lg:col-span-1">
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          maxLength={200}
          defaultValue={params.get("q") ?? ""}
          placeholder="IP, detail, label…"
          className={INPUT}
        />
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => router.push(pathname, { scroll: false })}>
          Reset
        </Button>
      </div>
    </form>
  );
}

const INPUT =
  "h-9 w-full rounded-md border border-border-strong bg-bg px-3 text-sm text-fg placeholder:text-muted focus-visible:border-accent";

function Field({
  id,
  label,
  className = "",
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      {children}
    </div>
  );
}
