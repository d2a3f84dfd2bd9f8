"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { RoleItem } from "./roles-api";

/** Built-in roles first, then custom ones; custom roles can be edited and deleted with roles:write. */
export function RolesTable({
  roles,
  canWrite,
  onEdit,
  onDelete,
}: {
  roles: RoleItem[];
  canWrite: boolean;
  onEdit: (r: RoleItem) => void;
  onDelete: (r: RoleItem) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface">
      <table aria-label="Roles" className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr className="border-b border-border">
            {["Role", "Permissions", "MFA", "Users"].map((h) => (
              <th key={h} scope="col" className="px-4 py-2.5 font-medium">
                {h}
              </th>
            ))}
            {canWrite && (
              <th scope="col" className="sr-only">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role.id} className="border-b border-border last:border-0 align-top">
              <td className="px-4 py-3">
                <div className="flex items-center gap-2 font-mono font-medium">
                  {role.name} {role.builtIn && <Badge>built-in</Badge>}
                </div>
                {role.description && <div className="mt-0.5 text-xs text-muted">{role.description}</div>}
              </td>
              <td className="px-4 py-3">
                <div className="flex max-w-md flex-wrap gap-1">
                  {role.permissions.length ? (
                    role.permissions.map((p) => <Badge key={p}>{p}</Badge>)
                  ) : (
                    <span className="text-muted">none</span>
                  )}
                </div>
              </td>
              <td className="px-4 py-3">
                {role.mfaRequired ? <Badge tone="success">required</Badge> : <Badge tone="warning">not required</Badge>}
              </td>
              <td className="px-4 py-3 tabular-nums">{role.users}</td>
              {canWrite && (
                <td className="px-4 py-3">
                  {!role.builtIn && (
                    <div className="flex justify-end gap-2">
                      <Button variant="secondary" aria-label={`Edit role ${role.name}`} onClick={() => onEdit(role)}>
                        Edit
                      </Button>
                      <Button
                        variant="secondary"
                        aria-label={`Delete role ${role.name}`}
                        onClick={() => onDelete(role)}
                      >
                        Delete
                      </Button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
