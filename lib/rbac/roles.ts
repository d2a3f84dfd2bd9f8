// Custom roles: admins create, edit and delete them from the permission catalogue. Built-in roles
// follow the release's catalogue and cannot be edited (except their MFA requirement) or deleted.
// Nobody grants a permission they do not hold themselves, and nobody edits (permissions, MFA
// requirement, name) or deletes a role holding more than they do (lib/rbac/grants.ts): roles:write
// alone must not relax MFA on the admin role. That check is made again inside the change's
// transaction with the role's row locked, so a concurrent grant to the role is not missed. Every
// change is audited with before/after.
import type { PrismaClient, Role } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext, type Tx } from "@/lib/audit/record.ts";
import { revalidateLiveFeed } from "@/lib/realtime/revalidate.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayActOn, assertMayGrant } from "./grants.ts";
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

const snapshot = (role: Role) => ({
  name: role.name,
  description: role.description,
  permissions: [...role.permissions].sort(),
  mfaRequired: role.mfaRequired,
});

function assertKnownPermissions(permissions: string[]) {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length)
    throw new AppError("unprocessable", `Unknown permission: ${unknown.join(", ")}.`, [
      { path: "permissions", message: `unknown permission ${unknown[0]}` },
    ]);
}

export async function listRoles(db: PrismaClient, orgId: string) {
  const roles = await db.role.findMany({
    where: { orgId },
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    include: { _count: { select: { users: true } } },
  });
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: [...r.permissions].sort(),
    builtIn: r.builtIn,
    mfaRequired: r.mfaRequired,
    users: r._count.users,
  }));
}

async function roleInOrg(db: PrismaClient, orgId: string, id: string) {
  const role = await db.role.findFirst({ where: { id, orgId } });
  if (!role) throw new AppError("not_found", "No such role.");
  return role;
}

/**
 * Inside the change's transaction: the role as it is now, its row locked until the change commits,
 * checked again against the grant rule (it may have gained permissions since the first check; an
 * edit under way waits).
 */
async function lockRoleToActOn(tx: Tx, by: RoleActor, id: string, action: string): Promise<Role> {
  await tx.$executeRaw`SELECT 1 FROM "Role" WHERE "id" = ${id}::uuid AND "orgId" = ${by.orgId}::uuid FOR UPDATE`;
  const role = await tx.role.findFirst({ where: { id, orgId: by.orgId } });
  if (!role) throw new AppError("not_found", "No such role.");
  assertMayActOn(by, role.permissions, { field: "id", action: `${action} ${role.name}` });
  return role;
}

export async function createRole(db: PrismaClient, input: RoleInput, by: RoleActor): Promise<Role> {
  if (!ROLE_NAME.test(input.name))
    throw new AppError(
      "unprocessable",
      "Role names are 2-40 lowercase letters, digits, - or _, starting with a letter.",
      [{ path: "name", message: "invalid role name" }],
    );
  if (BUILT_IN_ROLES[input.name] || (await db.role.findFirst({ where: { orgId: by.orgId, name: input.name } }))) {
    throw new AppError("conflict", `A role named ${input.name} already exists.`, [
      { path: "name", message: "already exists" },
    ]);
  }
  const permissions = [...new Set(input.permissions)].sort();
  assertKnownPermissions(permissions);
  assertMayGrant(by, permissions, { field: "permissions", action: `create the role ${input.name}` });
  return withAudit(
    db,
    (tx) =>
      tx.role.create({
        data: {
          orgId: by.orgId,
          name: input.name,
          description: input.description ?? null,
          permissions,
          mfaRequired: input.mfaRequired ?? true,
        },
      }),
    (role) => ({
      orgId: by.orgId,
      action: "role.created",
      actor: by.actor,
      target: { type: "role", id: role.id, label: role.name },
      detail: { before: null, after: snapshot(role) },
      context: by.context,
    }),
  );
}

export async function updateRole(
  db: PrismaClient,
  id: string,
  patch: Partial<RoleInput>,
  by: RoleActor,
): Promise<Role> {
  const role = await roleInOrg(db, by.orgId, id);
  assertMayActOn(by, role.permissions, { field: "id", action: `change the role ${role.name}` });
  if (
    role.builtIn &&
    (patch.name !== undefined || patch.permissions !== undefined || patch.description !== undefined)
  ) {
    throw new AppError(
      "conflict",
      "Built-in roles follow the permission catalogue; only their MFA requirement can change. Create a custom role instead.",
    );
  }
  if (patch.name !== undefined && patch.name !== role.name) {
    if (!ROLE_NAME.test(patch.name))
      throw new AppError("unprocessable", "Invalid role name.", [{ path: "name", message: "invalid role name" }]);
    if (BUILT_IN_ROLES[patch.name] || (await db.role.findFirst({ where: { orgId: by.orgId, name: patch.name } }))) {
      throw new AppError("conflict", `A role named ${patch.name} already exists.`, [
        { path: "name", message: "already exists" },
      ]);
    }
  }
  const permissions = patch.permissions ? [...new Set(patch.permissions)].sort() : undefined;
  if (permissions) {
    assertKnownPermissions(permissions);
    assertMayGrant(by, permissions, { field: "permissions", action: `give the role ${role.name} these permissions` });
  }
  const updated = await withAudit(
    db,
    async (tx) => {
      const before = await lockRoleToActOn(tx, by, role.id, "change the role");
      const after = await tx.role.update({
        where: { id: role.id },
        data: { name: patch.name, description: patch.description, permissions, mfaRequired: patch.mfaRequired },
      });
      return { before, after };
    },
    ({ before, after }) => ({
      orgId: by.orgId,
      action: "role.updated",
      actor: by.actor,
      target: { type: "role", id: role.id, label: after.name },
      detail: {
        before: snapshot(before),
        after: snapshot(after),
        ...(patch.mfaRequired === false && before.mfaRequired
          ? { warning: "MFA no longer required for this role" }
          : {}),
      },
      context: by.context,
    }),
  );
  revalidateLiveFeed({ orgId: by.orgId });
  return updated.after;
}

export async function deleteRole(db: PrismaClient, id: string, by: RoleActor) {
  const role = await roleInOrg(db, by.orgId, id);
  assertMayActOn(by, role.permissions, { field: "id", action: `delete the role ${role.name}` });
  if (role.builtIn) throw new AppError("conflict", "Built-in roles cannot be deleted.");
  const holders = await db.userRole.count({ where: { roleId: role.id } });
  if (holders)
    throw new AppError(
      "conflict",
      `${holders} user(s) still have the role ${role.name}; assign them other roles first.`,
    );
  await withAudit(
    db,
    async (tx) => {
      await lockRoleToActOn(tx, by, role.id, "delete the role");
      await tx.role.delete({ where: { id: role.id } });
    },
    () => ({
      orgId: by.orgId,
      action: "role.deleted",
      actor: by.actor,
      target: { type: "role", id: role.id, label: role.name },
      detail: { before: snapshot(role), after: null },
      context: by.context,
    }),
  );
}
