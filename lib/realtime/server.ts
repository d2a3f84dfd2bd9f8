// Socket.IO on the app's HTTP server. The handshake uses the same session check as HTTP:
// no valid session cookie, no connection. Connection state recovery keeps the auth middleware.
import type http from "node:http";
import { getToken } from "next-auth/jwt";
import { Server } from "socket.io";
import type { Database } from "@/lib/db/connect.ts";
import { logger } from "@/lib/log.ts";
import { can } from "@/lib/rbac/can.ts";
import { loadPrincipal, type Principal } from "@/lib/users/principal.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

export const orgRoom = (orgId: string) => `org:${orgId}`;
export const alertsRoom = (orgId: string) => `org:${orgId}:alerts`;

export function attachRealtime(httpServer: http.Server, options: { db: Database; authSecret: string }): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });

  io.use(async (socket, next) => {
    try {
      const token = await getToken({
        req: socket.request as unknown as Parameters<typeof getToken>[0]["req"],
        secret: options.authSecret,
      });
      const principal = token?.sub ? await loadPrincipal(options.db.prisma, token.sub) : null;
      if (!principal) return next(new Error("unauthorized"));
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
    if (can(principal, "alerts:read")) void socket.join(alertsRoom(principal.orgId));
  });

  return io;
}
