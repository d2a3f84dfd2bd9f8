// Two instances sharing Redis (REDIS_URL): what one instance's buses announce reaches sockets held by
// the other through the Socket.IO adapter, whose connection comes from each runtime's Redis factory.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import type { AlertView } from "@/lib/alerts/query.ts";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { createSession } from "@/lib/auth/session-registry.ts";
import { totpCode } from "@/lib/auth/totp.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { createBuses, type RuntimeBuses } from "@/lib/runtime/buses.ts";
import { createRedisFactory, type RedisFactory } from "@/lib/runtime/redis.ts";
import { logger } from "@/lib/log.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { confirmEnrollment, startEnrollment } from "@/lib/users/mfa.ts";
import { attachRealtime, type Realtime } from "./server.ts";

const redisUrl = process.env.REDIS_URL;
const system = { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS };

interface Instance {
  buses: RuntimeBuses;
  redis: RedisFactory;
  server: http.Server;
  realtime: Realtime;
  url: string;
}

describe.runIf(redisUrl)("the live feed across two instances sharing Redis", () => {
  let db: TestDatabase;
  let orgId: string;
  let authSecret: string;
  let a: Instance;
  let b: Instance;
  const sockets: Socket[] = [];

  const start = async (): Promise<Instance> => {
    const buses = createBuses();
    const redis = createRedisFactory(redisUrl, logger);
    const server = http.createServer();
    // No periodic sweep during the test: only the notices can act.
    const realtime = attachRealtime(server, {
      db,
      authSecret,
      secureCookie: false,
      buses,
      redis,
      sweepIntervalMs: 3_600_000,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { buses, redis, server, realtime, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const open = (at: string, options: { token?: string; cookie?: string }) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(at, {
        transports: ["websocket"],
        reconnection: false,
        ...(options.token ? { auth: { token: options.token } } : {}),
        ...(options.cookie ? { extraHeaders: { cookie: options.cookie, origin: at } } : {}),
      });
      sockets.push(socket);
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  const reader = async () =>
    await createApiKey(db.prisma, { orgId, name: `feed-${sockets.length}`, scopes: ["alerts:read"] }, system);

  beforeAll(async () => {
    const env = useTestEnv({ REDIS_URL: redisUrl! });
    authSecret = env.AUTH_SECRET;
    db = await createTestDatabase("pglite");
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const instance of [a, b]) {
      await instance?.realtime.close();
      await instance?.redis.close();
    }
    await db?.close();
  });

  it("delivers an alert announced on one instance to a socket held by the other", async () => {
    const socket = await open(b.url, { token: (await reader()).token });
    const received: string[] = [];
    socket.on("alert:new", (alert) => received.push(alert.id));
    const alert = { id: "cross-1", title: "from a" } as unknown as AlertView;
    // The adapter subscribes asynchronously: announce until it arrives.
    const timer = setInterval(() => a.buses.alertChanges.emit([{ orgId, created: true, alert }]), 100);
    try {
      await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    expect(received[0]).toBe("cross-1");
  });

  it("re-authorises the other instance's sockets when a key changes, without its sweep", async () => {
    const { key, token } = await reader();
    const socket = await open(b.url, { token });
    const dropped = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    await revokeApiKey(db.prisma, orgId, key.id, system);
    a.buses.liveFeedRevalidate.emit({ apiKeyId: key.id });
    await dropped;
    expect(socket.connected).toBe(false);
  });

  it("drops the other instance's sockets of a session revoked on this one", async () => {
    const user = await createUser(db.prisma, {
      orgId,
      email: "watcher@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["viewer"],
      mustChangePassword: false,
    });
    const who = { userId: user.id, actor: SYSTEM_ACTOR };
    const { secret } = await startEnrollment(db.prisma, who);
    await confirmEnrollment(db.prisma, who, totpCode(secret));
    const session = await createSession(db.prisma, user, {});
    const jwt = await encode({ token: { sub: user.id, sid: session.id }, secret: authSecret });
    const socket = await open(b.url, { cookie: `next-auth.session-token=${jwt}` });
    const dropped = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    a.buses.sessionsRevoked.emit([session.id]);
    await dropped;
    expect(socket.connected).toBe(false);
  });
});
