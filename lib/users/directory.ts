// Read models for the admin users view and session lists.
import type { PrismaClient, UserSession } from "@/lib/generated/prisma/client.ts";
import { listActiveSessions, sessionRef } from "@/lib/auth/session-registry.ts";
import { AppError } from "@/lib/http/errors.ts";

export async function listUsers(db: PrismaClient, orgId: string) {
  const users = await db.user.findMany({
    where: { orgId },
    orderBy: { email: "asc" },
    include: { roles: { include: { role: { select: { name: true } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabled,
    roles: u.roles.map((r) => r.role.name).sort(),
    mfaEnabled: Boolean(u.mfaEnabledAt),
    mustChangePassword: u.mustChangePassword,
    mfaRequired: u.mfaRequired,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}

export async function userInOrg(db: PrismaClient, orgId: string, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, orgId } });
  if (!user) throw new AppError("not_found", "No such user.");
  return user;
}

/** A session as shown to its owner or an admin; the id is only used in request bodies to revoke it. */
export function sessionView(session: UserSession, currentSessionId?: string) {
  return {
    id: session.id,
    ref: sessionRef(session.id),
    current: session.id === currentSessionId,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
  };
}

export async function sessionsOf(db: PrismaClient, userId: string, currentSessionId?: string) {
  return (await listActiveSessions(db, userId)).map((s) => sessionView(s, currentSessionId));
}
