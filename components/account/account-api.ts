// Browser calls for the account pages (password, MFA, sessions), through the one API client.
import { requestJson } from "@/components/ui/api-client";
import type { sessionView } from "@/lib/users/directory.ts";

export type SessionItem = ReturnType<typeof sessionView>;

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

export const fetchMfaStatus = () => requestJson<MfaStatus>("GET", "/api/v1/account/mfa");

export const fetchSessions = () =>
  requestJson<{ sessions: SessionItem[] }>("GET", "/api/v1/account/sessions").then((r) => r.sessions);

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  requestJson<void>("POST", "/api/v1/account/password", body);

export const regenerateRecoveryCodes = (code: string) =>
  requestJson<{ recoveryCodes: string[] }>("POST", "/api/v1/account/mfa/recovery-codes", { code }).then(
    (r) => r.recoveryCodes,
  );

export const revokeSession = (id: string) =>
  requestJson<{ revoked: number }>("POST", "/api/v1/account/sessions/revoke", { id });

export const revokeOtherSessions = () =>
  requestJson<{ revoked: number }>("POST", "/api/v1/account/sessions/revoke", { others: true });
