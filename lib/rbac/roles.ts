// Custom roles: admins create, edit and delete them from the permission catalogue. Built-in roles
// follow the release's catalogue and cannot be edited (except their MFA requirement) or deleted.
// Nobody grants a permission they do not hold themselves. Every change is audited with before/after.
import type { PrismaClient, Role } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { revalidateLiveFeed } from "@/lib/realtime/revalidate.ts";
import { AppError } from "@/lib/http/errors.ts";
import { BUILT_IN_ROLES, isPermission } from "./permissions.ts";

export interface RoleActor {
  orgId: string;
  actor: Actor;
  permissions: readonly string[];
  context?: RequestContext;
}

export interface RoleInput {
  name: string;
  description?: string | null;
  permissions: string[];
  mfaRequired?: boolean;
}

export const ROLE_NAME = /^[a-z][a-z0-9_-]{1,39}$/;

const snapshot = (role: Role) => ({ name: role.name, description: role.description, permissions: [...role.permissions].sort(), mfaRequired: role.mfaRequired });

/** Refuses unknown permissions and ones the acting person lacks (no privilege escalation). */
export function assertGrantable(permissions: string[], by: { permissions: readonly string[] }, field = "permissions") {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw new AppError("unprocessable", `Unknown permission: ${unknown.join(", ")}.`, [{ path: field, message: `unknown permission ${unknown[0]}` }]);
  const lacking = permissions.filter((p) => !by.permissions.includes(p));
  if (lacking.length) {
    throw new AppError("forbidden", `You cannot grant permissions you do not hold: ${lacking.join(", ")}.`, [{ path: field, message: `you lack ${lacking[0]}` }]);
  }
}

export async function listRoles(db: PrismaClient, orgId: string) {
  const roles = await db.role.findMany({ where: { orgId }, orderBy: [{ builtIn: "desc" }, { name: "asc" }], include: { _count: { select: { users: true } } } });
  return roles.map((r) => ({ id: r.id, name: r.name, description: r.description, permissions: [...r.permissions].sort(), builtIn: r.builtIn, mfaRequired: r.mfaRequired, users: r._count.users }));
}

async function roleInOrg(db: PrismaClient, orgId: string, id: string) {
  const role = await db.role.findFirst({ where: { id, orgId } });
  if (!role) throw new AppError("not_found", "No such role.");
  return role;
}

export async function createRole(db: PrismaClient, input: RoleInput, by: RoleActor): Promise<Role> {
  if (!ROLE_NAME.test(input.name)) throw new AppError("unprocessable", "Role names are 2-40 lowercase letters, digits, - or _, starting with a letter.", [{ path: "name", message: "invalid role name" }]);
  if (BUILT_IN_ROLES[input.name] || (await db.role.findFirst({ where: { orgId: by.orgId, name: input.name } }))) {
    throw new AppError("conflict", `A role named ${input.name} already exists.`, [{ path: "name", message: "already exists" }]);
  }
  const permissions = [...new Set(input.permissions)].sort();
  assertGrantable(permissions, by);
  return withAudit(
    db,
    (tx) => tx.role.create({ data: { orgId: by.orgId, name: input.name, description: input.description ?? null, permissions, mfaRequired: input.mfaRequired ?? true } }),
    (role) => ({ orgId: by.orgId, action: "role.created", actor: by.actor, target: { type: "role", id: role.id, label: role.name }, detail: { before: null, after: snapshot(role) }, context: by.context }),
  );
}

export async function updateRole(db: PrismaClient, id: string, patch: Partial<RoleInput>, by: RoleActor): Promise<Role> {
  const role = await roleInOrg(db, by.orgId, id);
  if (role.builtIn && (patch.name !== undefined || patch.permissions !== undefined || patch.description !== undefined)) {
    throw new AppError("conflict", "Built-in roles follow the permission catalogue; only their MFA requirement can change. Create a custom role instead.");
  }
  if (patch.name !== undefined && patch.name !== role.name) {
    if (!ROLE_NAME.test(patch.name)) throw new AppError("unprocessable", "Invalid role name.", [{ path: "name", message: "invalid role name" }]);
    if (BUILT_IN_ROLES[patch.name] || (await db.role.findFirst({ where: { orgId: by.orgId, name: patch.name } }))) {
      throw new AppError("conflict", `A role named ${patch.name} already exists.`, [{ path: "name", message: "already exists" }]);
    }
  }
  const permissions = patch.permissions ? [...new Set(patch.permissions)].sort() : undefined;
  // Adding a permission is granting it; removing one only needs roles:write.
  if (permissions) assertGrantable(permissions.filter((p) => !role.permissions.includes(p)), by);
  const updated = await withAudit(
    db,
    (tx) =>
      tx.role.update({
        where: { id: role.id },
        data: { name: patch.name, description: patch.description, permissions, mfaRequired: patch.mfaRequired },
      }),
    (after) => ({
      orgId: by.orgId,
      action: "role.updated",
      actor: by.actor,
      target: { type: "role", id: role.id, label: after.name },
      detail: { before: snapshot(role), after: snapshot(after), ...(patch.mfaRequired === false && role.mfaRequired ? { warning: "MFA no longer required for this role" } : {}) },
      context: by.context,
    }),
  );
  revalidateLiveFeed({ orgId: by.orgId });
  return updated;
}

export async function deleteRole(db: PrismaClient, id: string, by: RoleActor) {
  const role = await roleInOrg(db, by.orgId, id);
  if (role.builtIn) throw new AppError("conflict", "Built-in roles cannot be deleted.");
  const holders = await db.userRole.count({ where: { roleId: role.id } });
  if (holders) throw new AppError("conflict", `${holders} user(s) still have the role ${role.name}; assign them other roles first.`);
  await withAudit(
    db,
    (tx) => tx.role.delete({ where: { id: role.id } }),
    () => ({ orgId: by.orgId, action: "role.deleted", actor: by.actor, target: { type: "role", id: role.id, label: role.name }, detail: { before: snapshot(role), after: null }, context: by.context }),
  );
}
