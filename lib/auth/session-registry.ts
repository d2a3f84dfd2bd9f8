// The server-side session registry. next-auth's JWT only names a session; this table decides
// whether it is still alive: not revoked, within its absolute lifetime, and used recently enough.
import { createHash } from "node:crypto";
import type { PrismaClient, UserSession } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env.ts";
import { processBuses } from "@/lib/runtime/buses.ts";
import { audit, type Actor, type RequestContext, type Tx } from "@/lib/audit/record.ts";

export interface SessionPolicy {
  idleTimeoutMs: number;
  maxLifetimeMs: number;
}

export function sessionPolicy(): SessionPolicy {
  const { SESSION_IDLE_TIMEOUT_MINUTES, SESSION_MAX_LIFETIME_HOURS } = env();
  return {
    idleTimeoutMs: SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
    maxLifetimeMs: SESSION_MAX_LIFETIME_HOURS * 3_600_000,
  };
}

/**
 * How a session is named in audit entries and logs: a short digest, never the id itself (which
 * the encrypted session cookie carries).
 */
export function sessionRef(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex").slice(0, 12);
}

/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 30_000;

export type RevokeReason =
  | "signed_out"
  | "revoked_by_user"
  | "revoked_by_admin"
  | "password_changed"
  | "password_reset"
  | "mfa_reset"
  | "user_disabled";

export async function createSession(
  db: Tx,
  user: { id: string; orgId: string },
  context: RequestContext,
  policy = sessionPolicy(),
  now = new Date(),
): Promise<UserSession> {
  return db.userSession.create({
    data: {
      userId: user.id,
      orgId: user.orgId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.maxLifetimeMs),
      ip: context.sourceIp?.slice(0, 64) ?? null,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
    },
  });
}

export function isSessionAlive(
  session: Pick<UserSession, "revokedAt" | "expiresAt" | "lastSeenAt">,
  policy: SessionPolicy,
  now = new Date(),
): boolean {
  return (
    !session.revokedAt && session.expiresAt > now && now.getTime() - session.lastSeenAt.getTime() < policy.idleTimeoutMs
  );
}

/** The live session with this id for this user, touched as used; null when revoked, expired or idle. */
export async function touchSession(
  db: PrismaClient,
  sessionId: string,
  userId: string,
  policy = sessionPolicy(),
  now = new Date(),
) {
  const session = await db.userSession.findFirst({ where: { id: sessionId, userId } });
  if (!session || !isSessionAlive(session, policy, now)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.userSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return session;
}

export async function listActiveSessions(db: PrismaClient, userId: string, policy = sessionPolicy(), now = new Date()) {
  const sessions = await db.userSession.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - policy.idleTimeoutMs) },
    },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions;
}

/** Of the given session ids, those no longer alive (for disconnecting their sockets). */
export async function deadSessionIds(
  db: PrismaClient,
  sessionIds: string[],
  policy = sessionPolicy(),
  now = new Date(),
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const alive = await db.userSession.findMany({
    where: {
      id: { in: sessionIds },
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - policy.idleTimeoutMs) },
      user: { disabled: false },
    },
    select: { id: true },
  });
  const aliveIds = new Set(alive.map((s) => s.id));
  return sessionIds.filter((id) => !aliveIds.has(id));
}

export interface RevokeBy {
  actor: Actor;
  context?: RequestContext;
  reason: RevokeReason;
}

/** The realtime server listens, to disconnect a revoked session's sockets at once on this instance. */
export function onSessionsRevoked(listener: (sessionIds: string[]) => void): () => void {
  return processBuses().sessionsRevoked.on(listener);
}

/**
 * Revokes the user's live sessions matching `which` and audits each one. Returns the ids revoked.
 */
export async function revokeSessions(
  db: PrismaClient,
  which: { userId: string; sessionId?: string; exceptSessionId?: string },
  by: RevokeBy,
): Promise<string[]> {
  const now = new Date();
  const sessions = await db.userSession.findMany({
    where: {
      userId: which.userId,
      revokedAt: null,
      ...(which.sessionId ? { id: which.sessionId } : {}),
      ...(which.exceptSessionId ? { id: { not: which.exceptSessionId } } : {}),
    },
    include: { user: { select: { email: true } } },
  });
  if (sessions.length === 0) return [];
  await db.userSession.updateMany({
    where: { id: { in: sessions.map((s) => s.id) }, revokedAt: null },
    data: { revokedAt: now, revokedReason: by.reason },
  });
  for (const session of sessions) {
    await audit(db, {
      orgId: session.orgId,
      action: by.reason === "signed_out" ? "auth.logout" : "session.revoked",
      actor: by.actor,
      target: { type: "session", id: sessionRef(session.id), label: session.user.email },
      detail: { reason: by.reason, userId: session.userId, sessionIp: session.ip },
      context: by.context,
    });
  }
  const ids = sessions.map((s) => s.id);
  processBuses().sessionsRevoked.emit(ids);
  return ids;
}
