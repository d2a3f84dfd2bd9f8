// Who a connected socket's principal is now, by the handshake's own checks: a user's session still
// alive and their current roles, or the key (by the token it connected with) still valid and its
// scopes narrowed to its owner's current permissions. The live feed re-checks every socket
// periodically and on notice (revalidate.ts), so a demotion, a disabled user or a revoked key
// stops the alerts within seconds even when a notification is missed.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { authenticateApiKey } from "@/lib/apikeys/authenticate.ts";
import { deadSessionIds } from "@/lib/auth/session-registry.ts";
import { can } from "@/lib/rbac/can.ts";
import { loadPrincipal, type Principal } from "@/lib/users/principal.ts";

export interface SocketIdentity {
  principal: Principal;
  /** The handshake's `auth.token`, for an API key's socket. */
  token?: unknown;
  address?: string;
}

/**
 * The principal now, or null when the socket may no longer be connected at all. Does not touch
 * the session: an open socket is not activity, so idle sessions still time out.
 */
export async function currentPrincipal(db: PrismaClient, socket: SocketIdentity): Promise<Principal | null> {
  const { principal } = socket;
  if (principal.kind === "apikey") {
    if (typeof socket.token !== "string") return null;
    const key = await authenticateApiKey(db, socket.token, socket.address);
    // A key's socket exists only to read alerts (the handshake refuses keys without alerts:read).
    return key && key.id === principal.id && can(key, "alerts:read") ? key : null;
  }
  if (!principal.sessionId || (await deadSessionIds(db, [principal.sessionId])).length > 0) return null;
  const user = await loadPrincipal(db, principal.id);
  if (!user || user.setup.length > 0) return null;
  return { ...user, sessionId: principal.sessionId };
}

/** Identity key for sharing one re-check among a principal's sockets. */
export function identityKey(socket: SocketIdentity): string {
  const { principal } = socket;
  return principal.kind === "apikey"
    ? `apikey:${principal.id}:${typeof socket.token === "string" ? socket.token : ""}`
    : `user:${principal.id}:${principal.sessionId ?? ""}`;
}
