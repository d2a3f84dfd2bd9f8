// Browser calls for the account pages. State changes go out as JSON with fetch, so the browser adds
// the Origin header the server checks; problem+json answers become ApiErrors that keep the
// server's detail and per-field messages.
import type { sessionView } from "@/lib/users/directory.ts";

export type SessionItem = ReturnType<typeof sessionView>;

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

export async function requestJson<T>(method: Method, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(
      url,
      method === "GET"
        ? { cache: "no-store", headers: { accept: "application/json" } }
        : {
            method,
            headers: { accept: "application/json", "content-type": "application/json" },
            body: JSON.stringify(body ?? {}),
          },
    );
  } catch {
    throw new ApiError("SecureNet could not be reached. Check your connection and try again.", 0);
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => null)) as {
    detail?: string;
    title?: string;
    errors?: FieldError[];
  } | null;
  throw new ApiError(
    problem?.detail ?? problem?.title ?? `Request failed (${response.status})`,
    response.status,
    problem?.errors,
  );
}

/** The server's messages for one form field; a path such as `roles.0` belongs to `roles`. */
export function messagesFor(error: unknown, ...paths: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors
    .filter((e) => paths.some((p) => e.path === p || e.path.startsWith(`${p}.`)))
    .map((e) => e.message);
}

/** A 4xx will not change on a retry. */
export function retryServerErrors(failures: number, error: Error): boolean {
  return failures < 1 && !(error instanceof ApiError && error.status > 0 && error.status < 500);
}

export const accountKeys = { mfa: ["account", "mfa"] as const, sessions: ["account", "sessions"] as const };

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
