// User administration: rename, assign roles, disable or re-enable, require MFA. Disabling ends
// the user's sessions and stops their API keys. The last enabled admin can be neither demoted
// nor disabled; a per-org advisory lock makes that check hold against concurrent changes. The
// user's row is locked before their roles change, so whoever acts on them at the same moment
// checks the grant rule against the roles as they end up (lib/users/target.ts).
// Changing someone needs holding everything they hold, and giving them roles everything those
// roles hold (lib/rbac/grants.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext, type Tx } from "@/lib/audit/record.ts";
import { revokeSessions } from "@/lib/auth/session-registry.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayGrant } from "@/lib/rbac/grants.ts";
import { revalidateLiveFeed } from "@/lib/realtime/revalidate.ts";
import { lockUserToActOn, userToActOn } from "./target.ts";

export interface UserPatch {
  name?: string | null;
  roles?: string[];
  disabled?: boolean;
  mfaRequired?: boolean;
}

export interface UserAdminActor {
  orgId: string;
  actor: Actor;
  permissions: readonly string[];
  context?: RequestContext;
}

const ADMIN_ROLE = "admin";

async function enabledAdmins(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { orgId, disabled: false, roles: { some: { role: { name: ADMIN_ROLE, builtIn: true } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function updateUser(db: PrismaClient, userId: string, patch: UserPatch, by: UserAdminActor) {
  const user = await userToActOn(db, by, userId, "change the user");
  const beforeRoles = user.roles.map((r) => r.role.name).sort();

  let roleIds: string[] | undefined;
  if (patch.roles) {
    const names = [...new Set(patch.roles)];
    const roles = await db.role.findMany({ where: { orgId: by.orgId, name: { in: names } } });
    const missing = names.filter((n) => !roles.some((r) => r.name === n));
    if (missing.length)
      throw new AppError("unprocessable", `Unknown role: ${missing.join(", ")}.`, [
        { path: "roles", message: `unknown role ${missing[0]}` },
      ]);
    if (roles.length === 0)
      throw new AppError("unprocessable", "A user needs at least one role.", [
        { path: "roles", message: "at least one role" },
      ]);
    // Assigning roles grants their permissions: only by those who hold them all.
    assertMayGrant(
      by,
      roles.flatMap((r) => r.permissions),
      { field: "roles", action: `give ${user.email} the roles ${[...names].sort().join(", ")}` },
    );
    roleIds = roles.map((r) => r.id);
  }

  const updated = await withAudit(
    db,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`securenet:admins:${by.orgId}`}))`;
      // Both checks again under lock (lib/users/target.ts): the user may have been promoted, or a
      // role being given may have gained permissions, since they were first made.
      await lockUserToActOn(tx, by, user.id, "change the user");
      if (roleIds) {
        const granted = await tx.$queryRaw<
          { permissions: string[] }[]
        >`SELECT "permissions" FROM "Role" WHERE "id" = ANY(${roleIds}::uuid[]) FOR SHARE`;
        assertMayGrant(
          by,
          granted.flatMap((r) => r.permissions),
          { field: "roles", action: `give ${user.email} the roles ${[...new Set(patch.roles)].sort().join(", ")}` },
        );
      }
      const admins = await enabledAdmins(tx, by.orgId);
      if (roleIds) {
        await tx.userRole.deleteMany({ where: { userId: user.id } });
        await tx.userRole.createMany({ data: roleIds.map((roleId) => ({ userId: user.id, roleId })) });
      }
      const changed = await tx.user.update({
        where: { id: user.id },
        data: { name: patch.name, disabled: patch.disabled, mfaRequired: patch.mfaRequired },
        include: { roles: { include: { role: true } } },
      });
      const stillAdmins = await enabledAdmins(tx, by.orgId);
      if (admins.length > 0 && stillAdmins.length === 0) {
        throw new AppError("conflict", "This is the last enabled admin: make someone else an admin first.", [
          { path: patch.disabled ? "disabled" : "roles", message: "last admin" },
        ]);
      }
      return changed;
    },
    (after) => {
      const afterRoles = after.roles.map((r) => r.role.name).sort();
      return {
        orgId: by.orgId,
        action: patch.disabled === true && !user.disabled ? "user.disabled" : "user.updated",
        actor: by.actor,
        target: { type: "user", id: user.id, label: user.email },
        detail: {
          before: { name: user.name, roles: beforeRoles, disabled: user.disabled, mfaRequired: user.mfaRequired },
          after: { name: after.name, roles: afterRoles, disabled: after.disabled, mfaRequired: after.mfaRequired },
        },
        context: by.context,
      };
    },
  );
  if (patch.disabled === true && !user.disabled) {
    await revokeSessions(db, { userId: user.id }, { actor: by.actor, context: by.context, reason: "user_disabled" });
  }
  revalidateLiveFeed({ orgId: by.orgId });
  return updated;
}

/** Ends every session of another user (an admin's "sign out everywhere" for them). */
export async function revokeUserSessions(db: PrismaClient, userId: string, by: UserAdminActor): Promise<string[]> {
  const user = await userToActOn(db, by, userId, "sign out");
  return revokeSessions(db, { userId: user.id }, { actor: by.actor, context: by.context, reason: "revoked_by_admin" });
}
