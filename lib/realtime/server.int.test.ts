// The live feed authenticates scripts with API keys (alerts:read is needed, a revoked key's socket
// is dropped by the sweep) and browsers with their session cookie, from the app's own origin only;
// a socket whose principal loses alerts:read stops receiving alerts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { createSession } from "@/lib/auth/session-registry.ts";
import { totpCode } from "@/lib/auth/totp.ts";
import { publishAlertChanges } from "@/lib/alerts/changes.ts";
import type { AlertView } from "@/lib/alerts/query.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { confirmEnrollment, startEnrollment } from "@/lib/users/mfa.ts";
import { updateUser } from "@/lib/users/admin.ts";
import { updateRole } from "@/lib/rbac/roles.ts";
import { processBuses } from "@/lib/runtime/buses.ts";
import { attachRealtime, SESSION_SWEEP_INTERVAL_MS, type Realtime } from "./server.ts";

const system = { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS };

describe.each(backends)("live feed authentication on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let server: http.Server;
  let realtime: Realtime;
  let url: string;
  let authSecret: string;
  let n = 0;
  const sockets: Socket[] = [];

  /** A viewer with MFA enrolled (so no setup steps remain) and the session cookie of a live session. */
  const viewerCookie = async () => {
    const user = await createUser(db.prisma, {
      orgId,
      email: `watcher${++n}@example.test`,
      password: "ochre-lantern-harbour-52",
      roleNames: ["viewer"],
      mustChangePassword: false,
    });
    const who = { userId: user.id, actor: SYSTEM_ACTOR };
    const { secret } = await startEnrollment(db.prisma, who);
    await confirmEnrollment(db.prisma, who, totpCode(secret));
    const session = await createSession(db.prisma, user, {});
    const jwt = await encode({ token: { sub: user.id, sid: session.id }, secret: authSecret });
    return { user, cookie: `next-auth.session-token=${jwt}` };
  };
  const openWithCookie = (cookie: string, origin: string | undefined, at = url) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(at, {
        transports: ["websocket"],
        extraHeaders: { cookie, ...(origin ? { origin } : {}) },
        reconnection: false,
      });
      sockets.push(socket);
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (error) => reject(error));
    });
  const alert = (i: number) => ({ id: `alert-${i}`, title: `alert ${i}` }) as unknown as AlertView;

  const open = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(url, { transports: ["websocket"], auth: { token }, reconnection: false });
      sockets.push(socket);
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (error) => reject(error));
    });

  beforeAll(async () => {
    const env = useTestEnv();
    authSecret = env.AUTH_SECRET;
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    server = http.createServer();
    realtime = attachRealtime(server, { db, authSecret: env.AUTH_SECRET, secureCookie: false, buses: processBuses() });
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
    const { key, token } = await createApiKey(
      db.prisma,
      { orgId, name: "soon-revoked", scopes: ["alerts:read"] },
      system,
    );
    const socket = await open(token);
    const dropped = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));
    const revokedAt = Date.now();
    await revokeApiKey(db.prisma, orgId, key.id, system);
    expect((await dropped) - revokedAt).toBeLessThan(SESSION_SWEEP_INTERVAL_MS + 2_000);
  });

  it("refuses a session cookie presented from a foreign Origin (or none), and takes it from the app's own", async () => {
    const { cookie } = await viewerCookie();
    await expect(openWithCookie(cookie, "http://evil.example")).rejects.toThrow(/origin/);
    await expect(openWithCookie(cookie, undefined)).rejects.toThrow(/origin/);
    expect((await openWithCookie(cookie, url)).connected).toBe(true);
  });

  it("stops sending alerts to a viewer demoted while connected, within the sweep interval", async () => {
    const { user, cookie } = await viewerCookie();
    const socket = await openWithCookie(cookie, url);
    const received: string[] = [];
    socket.on("alert:new", (a) => received.push(a.id));
    let i = 0;
    const publish = () => publishAlertChanges([{ orgId, created: true, alert: alert(++i) }]);
    const timer = setInterval(publish, 50);
    try {
      await expect.poll(() => received.length, { timeout: 2_000 }).toBeGreaterThan(0);
      const auditor = await db.prisma.role.create({
        data: { orgId, name: `auditor-${n}`, permissions: ["audit:read"], mfaRequired: true },
      });
      await updateUser(
        db.prisma,
        user.id,
        { roles: [auditor.name] },
        { orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
      );
      await new Promise((resolve) => setTimeout(resolve, SESSION_SWEEP_INTERVAL_MS + 1_000));
      const before = received.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(received.length - before, "alerts received a sweep after the demotion").toBe(0);
    } finally {
      clearInterval(timer);
    }
  });

  it("re-authorises at once when a role loses alerts:read, without waiting for the periodic re-check", async () => {
    const quiet = http.createServer();
    const slow = attachRealtime(quiet, {
      db,
      authSecret,
      secureCookie: false,
      buses: processBuses(),
      sweepIntervalMs: 3_600_000,
    });
    await new Promise<void>((resolve) => quiet.listen(0, "127.0.0.1", resolve));
    const at = `http://127.0.0.1:${(quiet.address() as AddressInfo).port}`;
    const watchers = await db.prisma.role.create({
      data: { orgId, name: `watchers-${n}`, permissions: ["alerts:read"], mfaRequired: true },
    });
    const { user, cookie } = await viewerCookie();
    await updateUser(
      db.prisma,
      user.id,
      { roles: [watchers.name] },
      { orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
    );
    const socket = await openWithCookie(cookie, at, at);
    const received: string[] = [];
    socket.on("alert:new", (a) => received.push(a.id));
    let i = 1_000;
    const timer = setInterval(() => publishAlertChanges([{ orgId, created: true, alert: alert(++i) }]), 50);
    try {
      await expect.poll(() => received.length, { timeout: 2_000 }).toBeGreaterThan(0);
      await updateRole(
        db.prisma,
        watchers.id,
        { permissions: ["audit:read"] },
        { orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = received.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(received.length - before, "alerts received after the role changed").toBe(0);
      expect(socket.connected, "a user without alerts:read stays connected, receiving nothing").toBe(true);
    } finally {
      clearInterval(timer);
      socket.close();
      await slow.close();
    }
  });
});
