// Browser calls for Admin → Roles.
import { requestJson } from "@/components/ui/api-client";
import type { listRoles } from "@/lib/rbac/roles.ts";

export type RoleItem = Awaited<ReturnType<typeof listRoles>>[number];
export interface RoleBody {
  name: string;
  description: string | null;
  permissions: string[];
  mfaRequired: boolean;
}

export const fetchRoles = () => requestJson<{ roles: RoleItem[] }>("GET", "/api/v1/roles").then((r) => r.roles);
export const createRole = (body: RoleBody) => requestJson<{ id: string }>("POST", "/api/v1/roles", body);
export const updateRole = (id: string, body: Partial<RoleBody>) =>
  requestJson<RoleItem>("PATCH", `/api/v1/roles/${id}`, body);
export const deleteRole = (id: string) => requestJson<void>("DELETE", `/api/v1/roles/${id}`);
