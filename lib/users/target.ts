// The user an administrator is about to act on (reset, edit, disable, sign out), loaded with
// everything their roles hold and checked against the grant rule: acting on someone needs
// holding all they hold, or a users:write holder could take over an admin. The check is made
// again inside the change's transaction with the user's row and their roles' rows locked, so a
// promotion committed since is seen and one under way waits until the change is done.
import "server-only";
import type { Tx } from "@/lib/audit/record.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayActOn } from "@/lib/rbac/grants.ts";

export interface UserActor {
  orgId: string;
  permissions: readonly string[];
}

/** What a user's roles hold, whether or not they are disabled or still setting up (they would hold it afterwards). */
export function rolePermissions(user: { roles: { role: { permissions: string[] } }[] }): string[] {
  return [...new Set(user.roles.flatMap((r) => r.role.permissions))].sort();
}

/** The user of the actor's org, refused (403, naming what is missing) unless the actor holds every permission the user holds. */
export async function userToActOn(db: PrismaClient, by: UserActor, userId: string, action: string) {
  const user = await db.user.findFirst({
    where: { id: userId, orgId: by.orgId },
    include: { roles: { include: { role: true } } },
  });
  if (!user) throw new AppError("not_found", "No such user.");
  assertMayActOn(by, rolePermissions(user), { field: "id", action: `${action} ${user.email}` });
  return user;
}

/**
 * Inside the change's transaction: locks the user's row (FOR UPDATE: role assignments lock it
 * first, see ./admin.ts) and their roles' rows (FOR SHARE: a role edit updates them), then checks
 * the grant rule against what the user holds now.
 */
export async function lockUserToActOn(tx: Tx, by: UserActor, userId: string, action: string): Promise<void> {
  const [user] = await tx.$queryRaw<
    { email: string }[]
  >`SELECT "email" FROM "User" WHERE "id" = ${userId}::uuid AND "orgId" = ${by.orgId}::uuid FOR UPDATE`;
  if (!user) throw new AppError("not_found", "No such user.");
  const roles = await tx.$queryRaw<{ permissions: string[] }[]>`
    SELECT r."permissions" FROM "UserRole" ur JOIN "Role" r ON r."id" = ur."roleId" WHERE ur."userId" = ${userId}::uuid FOR SHARE OF r`;
  assertMayActOn(by, new Set(roles.flatMap((r) => r.permissions)), { field: "id", action: `${action} ${user.email}` });
}
