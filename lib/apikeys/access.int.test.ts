// Access control end to end through the real route handlers: API keys authenticate, their
// scopes and their creator's current permissions bound them, and revocation, expiry or a
// disabled creator take effect on the very next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { loadPrincipal } from "@/lib/users/principal.ts";
import { updateUser } from "@/lib/users/admin.ts";
import * as usersRoute from "@/app/api/v1/users/route.ts";
import * as rolesRoute from "@/app/api/v1/roles/route.ts";
import * as apikeysRoute from "@/app/api/v1/apikeys/route.ts";
import * as auditRoute from "@/app/api/v1/audit/route.ts";
import * as alertsRoute from "@/app/api/v1/alerts/route.ts";
import * as alertRoute from "@/app/api/v1/alerts/[id]/route.ts";
import { createApiKey, revokeApiKey, rotateApiKey } from "./manage.ts";

const patchAlert = (request: Request) =>
  alertRoute.PATCH(request, { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) });
const listAlerts = alertsRoute.GET;

const call = (
  handler: (r: Request) => Promise<Response>,
  token: string,
  init: RequestInit = {},
  url = "http://localhost/api/v1/x",
) =>
  handler(
    new Request(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "x-securenet-client-ip": "203.0.113.50", ...(init.headers ?? {}) },
    }),
  );

describe.each(backends)("API keys and permissions on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  const people: Record<string, { id: string; permissions: string[] }> = {};

  /** A key created by one of the seeded people, as they would through the API. */
  const keyOf = async (
    who: "admin" | "analyst" | "viewer",
    scopes: string[],
    extra: { expiresAt?: Date; rateLimitPerMinute?: number } = {},
  ) => {
    const person = people[who]!;
    return createApiKey(
      db.prisma,
      { orgId, name: `${who}-key`, scopes, ...extra },
      { actor: { type: "user", id: person.id, label: who }, userId: person.id, permissions: person.permissions },
    );
  };

  let uninstall: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "1000" });
    db = await createTestDatabase(backend);
    uninstall = installTestRuntime(db).uninstall;
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    await db.prisma.role.updateMany({ where: { orgId }, data: { mfaRequired: false } });
    for (const role of ["admin", "analyst", "viewer"] as const) {
      const email = role === "admin" ? "root@example.test" : `${role}@example.test`;
      const user =
        role === "admin"
          ? await db.prisma.user.findUniqueOrThrow({ where: { email } })
          : await createUser(db.prisma, {
              orgId,
              email,
              password: "ochre-lantern-harbour-52",
              roleNames: [role],
              mustChangePassword: false,
            });
      people[role] = { id: user.id, permissions: (await loadPrincipal(db.prisma, user.id))!.permissions };
    }
  });
  afterAll(async () => {
    await uninstall?.();
    await db.close();
  });

  it("a viewer's key gets 403 on PATCH alert and can still read alerts", async () => {
    const { token } = await keyOf("viewer", ["alerts:read"]);
    const denied = await call(patchAlert, token, { method: "PATCH", body: JSON.stringify({ status: "resolved" }) });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(listAlerts, token)).status).toBe(200);
    const entry = await db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "access.denied" },
      orderBy: { seq: "desc" },
    });
    expect(entry).toMatchObject({
      actorType: "apikey",
      outcome: "denied",
      sourceIp: "203.0.113.50",
      detail: { permission: "alerts:write" },
    });
  });

  it("an analyst cannot reach admin APIs", async () => {
    const { token } = await keyOf("analyst", ["alerts:read", "alerts:write", "events:read"]);
    for (const handler of [usersRoute.GET, rolesRoute.GET, apikeysRoute.GET, auditRoute.GET]) {
      expect((await call(handler, token)).status).toBe(403);
    }
    await expect(keyOf("analyst", ["users:read"])).rejects.toMatchObject({ status: 403, errors: [{ path: "scopes" }] });
  });

  it("a key with only events:write cannot read alerts", async () => {
    const { token } = await keyOf("admin", ["events:write"]);
    expect((await call(listAlerts, token)).status).toBe(403);
    expect((await call(usersRoute.GET, token)).status).toBe(403);
  });

  it("a key cannot be created with scopes its creator lacks, through the API either", async () => {
    await expect(keyOf("viewer", ["alerts:read", "alerts:write"])).rejects.toMatchObject({
      status: 403,
      errors: [{ path: "scopes", message: "you lack alerts:write" }],
    });
    const { token } = await keyOf("admin", ["apikeys:write", "alerts:read"]);
    const escalate = await call(apikeysRoute.POST, token, {
      method: "POST",
      body: JSON.stringify({ name: "wider", scopes: ["users:write"] }),
    });
    expect(escalate.status).toBe(403);
    const ok = await call(apikeysRoute.POST, token, {
      method: "POST",
      body: JSON.stringify({ name: "narrower", scopes: ["alerts:read"] }),
    });
    expect(ok.status).toBe(201);
    expect((await ok.json()).token).toMatch(/^sn_[a-z2-7]{10}_[\w-]{43}$/);
  });

  it("revoked, expired and disabled-owner keys get 401 on their next request", async () => {
    const revoked = await keyOf("admin", ["users:read"]);
    expect((await call(usersRoute.GET, revoked.token)).status).toBe(200);
    await revokeApiKey(db.prisma, orgId, revoked.key.id, {
      actor: SYSTEM_ACTOR,
      userId: null,
      permissions: PERMISSIONS,
    });
    expect((await call(usersRoute.GET, revoked.token)).status).toBe(401);

    // Room for a loaded CI machine between making the key and its first use; then wait out the rest.
    const expiresAt = new Date(Date.now() + 3_000);
    const expiring = await keyOf("admin", ["users:read"], { expiresAt });
    expect((await call(usersRoute.GET, expiring.token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now()) + 100));
    expect((await call(usersRoute.GET, expiring.token)).status).toBe(401);

    const analystKey = await keyOf("analyst", ["alerts:read"]);
    expect((await call(listAlerts, analystKey.token)).status).toBe(200);
    await updateUser(
      db.prisma,
      people.analyst!.id,
      { disabled: true },
      { orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
    );
    expect((await call(listAlerts, analystKey.token)).status).toBe(401);
    await updateUser(
      db.prisma,
      people.analyst!.id,
      { disabled: false },
      { orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
    );

    expect((await call(usersRoute.GET, "sn_aaaaaaaaaa_" + "x".repeat(43))).status).toBe(401);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: revoked.key.id } });
    expect(JSON.stringify(stored)).not.toContain(revoked.token.split("_").at(-1)!.slice(0, 20));
  });

  it("narrows a key when its creator loses a permission", async () => {
    const { token } = await keyOf("admin", ["alerts:read", "users:read"]);
    const role = await db.prisma.role.create({
      data: { orgId, name: "watcher", permissions: ["alerts:read"], mfaRequired: false },
    });
    const watcher = await createUser(db.prisma, {
      orgId,
      email: "watcher@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["watcher"],
      mustChangePassword: false,
    });
    const key = await createApiKey(
      db.prisma,
      { orgId, name: "watcher-key", scopes: ["alerts:read"] },
      { actor: SYSTEM_ACTOR, userId: watcher.id, permissions: ["alerts:read"] },
    );
    expect((await call(listAlerts, key.token)).status).toBe(200);
    await db.prisma.role.update({ where: { id: role.id }, data: { permissions: [] } });
    expect((await call(listAlerts, key.token)).status).toBe(403);
    expect((await call(usersRoute.GET, token)).status).toBe(200);
  });

  it("rotation keeps the old secret for the grace period only; a grace of 0 ends it at once", async () => {
    const created = await keyOf("admin", ["users:read"]);
    const rotated = await rotateApiKey(db.prisma, orgId, created.key.id, 1, {
      actor: SYSTEM_ACTOR,
      userId: null,
      permissions: PERMISSIONS,
    });
    expect(rotated.token).not.toBe(created.token);
    expect(rotated.token.startsWith(`sn_${created.key.prefix}_`)).toBe(true);
    expect((await call(usersRoute.GET, created.token)).status).toBe(200);
    expect((await call(usersRoute.GET, rotated.token)).status).toBe(200);
    const again = await rotateApiKey(db.prisma, orgId, created.key.id, 0, {
      actor: SYSTEM_ACTOR,
      userId: null,
      permissions: PERMISSIONS,
    });
    expect((await call(usersRoute.GET, rotated.token)).status).toBe(401);
    expect((await call(usersRoute.GET, created.token)).status).toBe(401);
    expect((await call(usersRoute.GET, again.token)).status).toBe(200);
    const audit = await db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "apikey.rotated" },
      orderBy: { seq: "desc" },
    });
    expect(audit.detail).toMatchObject({ after: { graceHours: 0 } });
  });

  it("answers 429 with Retry-After past a key's rate limit", async () => {
    const { token } = await keyOf("admin", ["users:read"], { rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(usersRoute.GET, token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(usersRoute.GET, token);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).status).toBe(429);
  });

  it("records the key's last use and source address", async () => {
    const { token, key } = await keyOf("admin", ["users:read"]);
    await call(usersRoute.GET, token);
    expect(await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      lastUsedIp: "203.0.113.50",
    });
  });
});
