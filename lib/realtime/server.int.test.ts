// The live feed authenticates scripts with API keys: alerts:read is needed, and a revoked key's
// socket is dropped by the sweep.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { attachRealtime, SESSION_SWEEP_INTERVAL_MS, type Realtime } from "./server.ts";

const system = { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS };

describe.each(backends)("live feed authentication on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let server: http.Server;
  let realtime: Realtime;
  let url: string;
  const sockets: Socket[] = [];

  const open = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(url, { transports: ["websocket"], auth: { token }, reconnection: false });
      sockets.push(socket);
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (error) => reject(error));
    });

  beforeAll(async () => {
    const env = useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    server = http.createServer();
    realtime = attachRealtime(server, { db, authSecret: env.AUTH_SECRET, secureCookie: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await realtime.close();
    await db.close();
  });

  it("accepts a key with alerts:read and refuses one without it, or none", async () => {
    const reader = await createApiKey(db.prisma, { orgId, name: "feed", scopes: ["alerts:read"] }, system);
    const socket = await open(reader.token);
    expect(socket.connected).toBe(true);
    const writer = await createApiKey(db.prisma, { orgId, name: "shipper", scopes: ["events:write"] }, system);
    await expect(open(writer.token)).rejects.toThrow(/forbidden/);
    await expect(open("sn_aaaaaaaaaa_" + "x".repeat(43))).rejects.toThrow(/unauthorized/);
  });

  it("drops a revoked key's socket within the sweep interval", async () => {
    const { key, token } = await createApiKey(db.prisma, { orgId, name: "soon-revoked", scopes: ["alerts:read"] }, system);
    const socket = await open(token);
    const dropped = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));
    const revokedAt = Date.now();
    await revokeApiKey(db.prisma, orgId, key.id, system);
    expect((await dropped) - revokedAt).toBeLessThan(SESSION_SWEEP_INTERVAL_MS + 2_000);
  });
});
