// Browser calls for the first sign-in steps (own password, authenticator enrollment), through the
// one API client.
import { requestJson } from "@/components/ui/api-client";

export interface Enrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

export const replaceOneTimePassword = (body: { currentPassword: string; newPassword: string }) =>
  requestJson<void>("POST", "/api/v1/account/password", body);

export const startEnrollment = () => requestJson<Enrollment>("POST", "/api/v1/account/mfa/enrollment");

export const confirmEnrollment = (code: string) =>
  requestJson<{ recoveryCodes: string[] }>("POST", "/api/v1/account/mfa/enrollment/confirm", { code });
