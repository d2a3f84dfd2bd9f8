"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/form-error";
import { queryKeys } from "@/components/ui/query-keys";
import { MfaSwitch } from "./mfa-switch";
import { setRoleMfaRequired, type RoleSetting, type SecuritySettings } from "./security-api";

/** One switch per role: whether its members must use two-factor authentication. */
export function RoleMfaTable({ roles, canEdit }: { roles: RoleSetting[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: setRoleMfaRequired,
    onSuccess: (role) =>
      queryClient.setQueryData<SecuritySettings>(
        queryKeys.security.settings,
        (settings) =>
          settings && {
            ...settings,
            roles: settings.roles.map((r) => (r.id === role.id ? { ...r, mfaRequired: role.mfaRequired } : r)),
          },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.security.settings }),
  });
  const pendingId = update.isPending ? update.variables.id : null;

  return (
    <div className="flex flex-col gap-3">
      {!canEdit && (
        <p className="text-sm text-muted">
          Changing a role needs the <code className="font-mono text-fg">roles:write</code> permission.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-border">
        <table aria-label="Roles" className="w-full min-w-[28rem] text-left text-sm">
          <thead className="border-b border-border text-xs text-muted">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Type
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                MFA required
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.id} className="border-b border-border last:border-b-0">
                <td className="px-4 py-2.5 font-mono text-xs">{role.name}</td>
                <td className="px-4 py-2.5">
                  <Badge>{role.builtIn ? "Built-in" : "Custom"}</Badge>
                </td>
                <td className="px-4 py-2.5">
                  <div className="flex items-center gap-3">
                    <MfaSwitch
                      checked={role.mfaRequired}
                      label={`Require MFA for role ${role.name}`}
                      disabled={!canEdit || pendingId === role.id}
                      onChange={(mfaRequired) => update.mutate({ id: role.id, mfaRequired })}
                    />
                    <span aria-hidden="true" className={role.mfaRequired ? "text-fg" : "text-sev-high"}>
                      {role.mfaRequired ? "Required" : "Not required"}
                    </span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={update.error && new Error(`The role could not be changed: ${update.error.message}`)} />
    </div>
  );
}
