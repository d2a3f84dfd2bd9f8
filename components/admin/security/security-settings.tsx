"use client";

import { useQuery } from "@tanstack/react-query";
import { FormError } from "@/components/ui/form-error";
import { Panel } from "@/components/ui/panel";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { MfaRelaxedWarning } from "./mfa-relaxed-warning";
import { PasswordLengthForm } from "./password-length-form";
import { RoleMfaTable } from "./role-mfa-table";
import { fetchSecuritySettings } from "./security-api";

export function SecuritySettings({ canEditRoles }: { canEditRoles: boolean }) {
  const settings = useQuery({
    queryKey: queryKeys.security.settings,
    queryFn: fetchSecuritySettings,
    retry: retryServerErrors,
  });
  if (settings.isPending) return <p className="text-sm text-muted">Loading settings…</p>;
  if (settings.isError)
    return <FormError error={new Error(`The security settings could not be loaded: ${settings.error.message}`)} />;

  return (
    <div className="flex flex-col gap-6">
      <MfaRelaxedWarning roles={settings.data.roles} />
      <Panel
        title="Passwords"
        description="Length is what makes a password strong; common and breached passwords are always refused."
      >
        <PasswordLengthForm value={settings.data.passwordMinLength} />
      </Panel>
      <Panel
        title="Two-factor authentication by role"
        description="A user must use MFA when any of their roles requires it. Turning it off for a role is recorded in the audit log."
      >
        <RoleMfaTable roles={settings.data.roles} canEdit={canEditRoles} />
      </Panel>
    </div>
  );
}
