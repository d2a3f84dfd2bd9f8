// Browser calls for the users admin page.
import { requestJson } from "@/components/ui/api-client";
import type { listUsers } from "@/lib/users/directory.ts";

export type UserItem = Awaited<ReturnType<typeof listUsers>>[number];

export interface NewUser {
  email: string;
  name?: string;
  roles: string[];
  password?: string;
}

export const fetchUsers = () => requestJson<{ users: UserItem[] }>("GET", "/api/v1/users").then((r) => r.users);

export const createUser = (user: NewUser) =>
  requestJson<{ id: string; email: string; oneTimePassword?: string }>("POST", "/api/v1/users", user);

const userUrl = (id: string, rest: string) => `/api/v1/users/${encodeURIComponent(id)}/${rest}`;

export const updateUser = (
  id: string,
  patch: { name?: string | null; roles?: string[]; disabled?: boolean; mfaRequired?: boolean },
) => requestJson<UserItem>("PATCH", `/api/v1/users/${encodeURIComponent(id)}`, patch);

export const revokeUserSessions = (id: string) => requestJson<{ revoked: number }>("DELETE", userUrl(id, "sessions"));

export const resetUserPassword = (id: string) =>
  requestJson<{ oneTimePassword: string }>("POST", userUrl(id, "password-reset"));

export const resetUserMfa = (id: string) => requestJson<void>("DELETE", userUrl(id, "mfa"));
