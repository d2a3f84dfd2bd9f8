// The user an administrator is about to act on (reset, edit, disable, sign out), loaded with
// everything their roles hold and checked against the grant rule: acting on someone needs
// holding all they hold, or a users:write holder could take over an admin.
import "server-only";
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
  const user = await db.user.findFirst({ where: { id: userId, orgId: by.orgId }, include: { roles: { include: { role: true } } } });
  if (!user) throw new AppError("not_found", "No such user.");
  assertMayActOn(by, rolePermissions(user), { field: "id", action: `${action} ${user.email}` });
  return user;
}
