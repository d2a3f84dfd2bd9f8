// Socket.IO on the app's HTTP server. The handshake uses the same session check as HTTP: no live
// registry session, no connection; a session cookie counts only from the app's own Origin
// (origin.ts). Connection state recovery keeps the auth middleware. Every socket is re-authorised
// (reauthorize.ts) on a short period and, through the adapter on every instance, when permissions
// change (revalidate.ts): one that may no longer read alerts leaves the alerts room, one whose
// session, user or key is gone is disconnected. A revoked session's sockets are dropped at once.
import type http from "node:http";
import { getToken } from "next-auth/jwt";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Database } from "@/lib/db/connect.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { can } from "@/lib/rbac/can.ts";
import { authenticateApiKey } from "@/lib/apikeys/authenticate.ts";
import { loadSessionPrincipal, type Principal } from "@/lib/users/principal.ts";
import { liveCounts } from "@/lib/stats/overview.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";
import { clientIp } from "@/lib/http/request-context.ts";
import { sameOriginHandshake } from "./origin.ts";
import { currentPrincipal, identityKey } from "./reauthorize.ts";
import type { RuntimeBuses } from "@/lib/runtime/buses.ts";
import type { RedisFactory } from "@/lib/runtime/redis.ts";
import type { LiveFeedScope } from "./revalidate.ts";

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal; /** The client address, as HTTP requests see it. */ address: string }
>;

export const orgRoom = (orgId: string) => `org:${orgId}`;
export const alertsRoom = (orgId: string) => `org:${orgId}:alerts`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const apiKeyRoom = (keyId: string) => `apikey:${keyId}`;

/**
 * Every socket is re-authorised this often, so revocation, a demotion or a disabled user on
 * another instance (or a missed notice) stops its alerts within this interval.
 */
export const SESSION_SWEEP_INTERVAL_MS = 2_000;
export const STATS_TICK_INTERVAL_MS = 5_000;

function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] ??= decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a malformed value is ignored, like a missing one
    }
  }
  return cookies;
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What re-authorisation needs of a socket, local or on another instance (RemoteSocket). */
interface Reauthorizable {
  data: { principal?: Principal; address?: string };
  handshake: { auth: Record<string, unknown>; address: string };
  join(room: string): unknown;
  leave(room: string): unknown;
  disconnect(close?: boolean): unknown;
}

export interface Realtime {
  io: RealtimeServer;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  db: Database;
  authSecret: string;
  secureCookie: boolean;
  /** The runtime's buses: alert changes, revoked sessions, permission changes. */
  buses: RuntimeBuses;
  /** The runtime's Redis clients; without Redis the live feed is this instance's alone. */
  redis?: RedisFactory;
  /** How often every socket is re-authorised (tests lengthen it to see the notices work alone). */
  sweepIntervalMs?: number;
}

export function attachRealtime(httpServer: http.Server, options: RealtimeOptions): Realtime {
  // With Redis, a Redis-streams adapter carries emits to every instance and keeps missed packets
  // for connection state recovery across instances.
  const adapterClient = options.redis?.client("socket.io adapter") ?? null;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    ...(adapterClient ? { adapter: createAdapter(adapterClient, { streamName: "securenet:socket.io" }) } : {}),
  });

  // The client's address as HTTP requests see it (behind a proxy, not the proxy's own).
  // Kept in socket.data at the handshake, so re-checks on other instances (RemoteSocket) have it too.
  const addressOf = (socket: { request: http.IncomingMessage; handshake: { address: string } }) =>
    clientIp(
      socket.request.socket.remoteAddress ?? socket.handshake.address,
      socket.request.headers["x-forwarded-for"],
      env().SECURENET_TRUST_PROXY,
    ) ?? socket.handshake.address;

  io.use(async (socket, next) => {
    try {
      socket.data.address = addressOf(socket);
      const apiToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof apiToken === "string") {
        const key = await authenticateApiKey(options.db.prisma, apiToken, socket.data.address);
        if (!key) return next(new Error("unauthorized"));
        if (!can(key, "alerts:read")) return next(new Error("forbidden: the key lacks alerts:read"));
        socket.data.principal = key;
        return next();
      }
      const headers = socket.request.headers;
      const sameOrigin = sameOriginHandshake({
        origin: headers.origin,
        secFetchSite: firstHeader(headers["sec-fetch-site"]),
        host: headers.host,
        forwardedHost: firstHeader(headers["x-forwarded-host"]),
        forwardedProto: firstHeader(headers["x-forwarded-proto"]),
        encrypted: Boolean((socket.request.socket as { encrypted?: boolean }).encrypted),
        trustProxy: Boolean(env().SECURENET_TRUST_PROXY),
        publicUrl: env().publicUrl,
      });
      if (!sameOrigin) return next(new Error("forbidden: a session cookie is accepted only from the SecureNet origin"));
      // next-auth's getToken reads `req.cookies` (as Next provides them), not the raw header.
      const cookies = parseCookieHeader(socket.request.headers.cookie);
      const token = await getToken({
        req: { cookies, headers: socket.request.headers } as unknown as Parameters<typeof getToken>[0]["req"],
        secret: options.authSecret,
        secureCookie: options.secureCookie,
      });
      const principal = await loadSessionPrincipal(options.db.prisma, {
        userId: token?.sub,
        sessionId: token?.sid as string | undefined,
      });
      if (!principal || principal.setup.length) return next(new Error("unauthorized"));
      socket.data.principal = principal;
      next();
    } catch (error) {
      logger().warn({ err: error }, "socket handshake failed");
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    const { principal } = socket.data;
    void socket.join(orgRoom(principal.orgId));
    if (principal.sessionId) void socket.join(sessionRoom(principal.sessionId));
    if (principal.kind === "apikey") void socket.join(apiKeyRoom(principal.id));
    if (can(principal, "alerts:read")) void socket.join(alertsRoom(principal.orgId));
  });

  const disconnectSessions = (ids: string[]) => {
    if (ids.length) io.in(ids.map(sessionRoom)).disconnectSockets(true);
  };
  const stopListening = options.buses.sessionsRevoked.on(disconnectSessions);
  // After commit; through the adapter every instance's sockets in the room receive it.
  const stopAlerts = options.buses.alertChanges.on((changes) => {
    for (const change of changes)
      io.to(alertsRoom(change.orgId)).emit(change.created ? "alert:new" : "alert:update", change.alert);
  });

  /** Re-checks each socket's principal (once per principal) and applies the answer. */
  const reauthorize = async (sockets: Reauthorizable[]) => {
    const checks = new Map<string, Promise<Principal | null>>();
    for (const socket of sockets) {
      const before = socket.data.principal;
      if (!before) continue;
      const identity = {
        principal: before,
        token: socket.handshake.auth?.token,
        address: socket.data.address ?? socket.handshake.address,
      };
      const id = identityKey(identity);
      if (!checks.has(id)) checks.set(id, currentPrincipal(options.db.prisma, identity));
      const now = await checks.get(id)!;
      if (!now) {
        socket.disconnect(true);
        continue;
      }
      socket.data.principal = now;
      if (can(now, "alerts:read")) void socket.join(alertsRoom(now.orgId));
      else void socket.leave(alertsRoom(before.orgId));
    }
  };
  const stopRevalidate = options.buses.liveFeedRevalidate.on((scope: LiveFeedScope) => {
    const room = "orgId" in scope ? orgRoom(scope.orgId) : apiKeyRoom(scope.apiKeyId);
    io.in(room)
      .fetchSockets()
      .then((sockets) => reauthorize(sockets as unknown as Reauthorizable[]))
      .catch((error: unknown) => logger().warn({ err: error }, "live feed re-authorisation failed"));
  });

  let sweeping = false;
  const sweep = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await reauthorize([...io.of("/").sockets.values()]);
    } catch (error) {
      logger().warn({ err: error }, "socket re-authorisation sweep failed");
    } finally {
      sweeping = false;
    }
  }, options.sweepIntervalMs ?? SESSION_SWEEP_INTERVAL_MS);
  sweep.unref();

  // stats:tick for each org with someone watching on this instance.
  const ticker = setInterval(async () => {
    const orgIds = new Set(
      [...io.of("/").sockets.values()]
        .map((s) => s.data.principal)
        .filter((p) => p && can(p, "alerts:read"))
        .map((p) => p.orgId),
    );
    for (const orgId of orgIds) {
      try {
        const counts = await liveCounts(options.db.prisma, orgId);
        io.local.to(alertsRoom(orgId)).emit("stats:tick", { at: new Date().toISOString(), ...counts });
      } catch (error) {
        logger().warn({ err: error }, "stats tick failed");
      }
    }
  }, STATS_TICK_INTERVAL_MS);
  ticker.unref();

  return {
    io,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        clearInterval(ticker);
        stopListening();
        stopAlerts();
        stopRevalidate();
        // The adapter's Redis connection is the runtime's, which quits it at shutdown.
        void io.close(() => resolve());
      }),
  };
}
