// Loads who a signed-in user is right now: their org, roles and effective permissions.
// Read on every request so that disabling a user or changing a role takes effect at once.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export interface Principal {
  kind: "user";
  id: string;
  orgId: string;
  email: string;
  name: string | null;
  roles: string[];
  permissions: string[];
}

export async function loadPrincipal(db: PrismaClient, userId: string): Promise<Principal | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { roles: { include: { role: true } } },
  });
  if (!user || user.disabled) return null;
  const roles = user.roles.map((ur) => ur.role);
  return {
    kind: "user",
    id: user.id,
    orgId: user.orgId,
    email: user.email,
    name: user.name,
    roles: roles.map((r) => r.name).sort(),
    permissions: [...new Set(roles.flatMap((r) => r.permissions))].sort(),
  };
}
