"use client";

import { PERMISSIONS } from "@/lib/rbac/permissions.ts";

const RESOURCES = [...new Set(PERMISSIONS.map((p) => p.split(":")[0]!))];

/** The permission catalogue grouped by resource; permissions I lack cannot be granted. */
export function PermissionPicker({
  value,
  onChange,
  grantable,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  grantable: string[];
}) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      {RESOURCES.map((resource) => (
        <fieldset key={resource} className="rounded-md border border-border px-3 py-2">
          <legend className="px-1 text-xs uppercase tracking-wide text-muted">{resource}</legend>
          {PERMISSIONS.filter((p) => p.startsWith(`${resource}:`)).map((permission) => {
            const allowed = grantable.includes(permission) || value.includes(permission);
            return (
              <label
                key={permission}
                className={`flex items-center gap-2 py-0.5 font-mono text-sm ${allowed ? "" : "opacity-50"}`}
                title={allowed ? undefined : "You cannot grant a permission you do not hold."}
              >
                <input
                  type="checkbox"
                  disabled={!allowed}
                  checked={value.includes(permission)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...value, permission] : value.filter((p) => p !== permission))
                  }
                />
                {permission}
              </label>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
