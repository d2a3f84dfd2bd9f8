// Loads who a signed-in user is right now: their org, roles and effective permissions.
// Read on every request so that disabling a user, changing a role or revoking the session takes
// effect at once. A user who still has to change a one-time password or enroll in MFA gets a
// restricted principal: no permissions until the setup steps are done.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { touchSession, type SessionPolicy } from "@/lib/auth/session-registry.ts";
import { mfaRequiredFor } from "./mfa.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SetupStep = "password_change" | "mfa_enrollment";

export interface Principal {
  /** A signed-in person, or an API key acting for a machine. */
  kind: "user" | "apikey";
  id: string;
  orgId: string;
  /** A user's email; for an API key its display label, `apikey:<prefix>`. */
  email: string;
  name: string | null;
  roles: string[];
  permissions: string[];
  /** The registry session this request belongs to (absent only outside a request). */
  sessionId?: string;
  mfaEnabled: boolean;
  /** Steps to finish before anything else; permissions are empty while any remain. */
  setup: SetupStep[];
}

export async function loadPrincipal(db: PrismaClient, userId: string): Promise<Principal | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { roles: { include: { role: true } } } });
  if (!user || user.disabled) return null;
  const roles = user.roles.map((ur) => ur.role);
  const setup: SetupStep[] = [];
  if (user.mustChangePassword) setup.push("password_change");
  if (!user.mfaEnabledAt && mfaRequiredFor(roles, user.mfaRequired)) setup.push("mfa_enrollment");
  return {
    kind: "user",
    id: user.id,
    orgId: user.orgId,
    email: user.email,
    name: user.name,
    roles: roles.map((r) => r.name).sort(),
    permissions: setup.length ? [] : [...new Set(roles.flatMap((r) => r.permissions))].sort(),
    mfaEnabled: Boolean(user.mfaEnabledAt),
    setup,
  };
}

/** The principal of a live registry session, or null when the session is revoked, idle or expired. */
export async function loadSessionPrincipal(
  db: PrismaClient,
  token: { userId?: string | null; sessionId?: string | null },
  policy?: SessionPolicy,
  now?: Date,
): Promise<Principal | null> {
  if (!token.userId || !token.sessionId || !UUID.test(token.sessionId) || !UUID.test(token.userId)) return null;
  const session = await touchSession(db, token.sessionId, token.userId, policy, now);
  if (!session) return null;
  const principal = await loadPrincipal(db, token.userId);
  return principal && { ...principal, sessionId: session.id };
}
