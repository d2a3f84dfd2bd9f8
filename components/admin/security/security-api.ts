// Browser calls for the security settings: the password minimum length and per-role MFA.
import { requestJson } from "@/components/ui/api-client";
import type { securitySettings } from "@/lib/settings/security.ts";

export type SecuritySettings = Awaited<ReturnType<typeof securitySettings>>;
export type RoleSetting = SecuritySettings["roles"][number];

export const PASSWORD_MIN_LENGTH_RANGE = { min: 12, max: 64 } as const;

export const fetchSecuritySettings = () => requestJson<SecuritySettings>("GET", "/api/v1/settings/security");

export const savePasswordMinLength = (passwordMinLength: number) =>
  requestJson<SecuritySettings>("PATCH", "/api/v1/settings/security", { passwordMinLength });

export const setRoleMfaRequired = ({ id, mfaRequired }: { id: string; mfaRequired: boolean }) =>
  requestJson<{ id: string; name: string; mfaRequired: boolean }>("PATCH", `/api/v1/roles/${encodeURIComponent(id)}`, {
    mfaRequired,
  });
