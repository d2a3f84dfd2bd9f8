// One rule for every grant, end to end through the real route handlers (issue 18, findings 2, 3,
// 4, 7, 16 and 20): whoever holds part of the admin rights, as an API key with just those scopes,
// can create, assign, reset, rotate, suppress or edit nothing carrying permissions it lacks, and a
// key made by a key is never worth more than its creator, now or later.
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey, deadApiKeyIds, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { backends } from "@/lib/db/testing.ts";
import { seededTestOrg } from "@/lib/testing/api-org.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { installTestRuntime } from "@/lib/testing/runtime.ts";
import { updateUser } from "@/lib/users/admin.ts";
import { createUser } from "@/lib/users/create-user.ts";
import * as usersRoute from "@/app/api/v1/users/route.ts";
import * as userRoute from "@/app/api/v1/users/[id]/route.ts";
import * as userMfaRoute from "@/app/api/v1/users/[id]/mfa/route.ts";
import * as userPasswordRoute from "@/app/api/v1/users/[id]/password-reset/route.ts";
import * as userSessionsRoute from "@/app/api/v1/users/[id]/sessions/route.ts";
import * as apikeysRoute from "@/app/api/v1/apikeys/route.ts";
import * as apikeyRoute from "@/app/api/v1/apikeys/[id]/route.ts";
import * as apikeyRotateRoute from "@/app/api/v1/apikeys/[id]/rotate/route.ts";
import * as rolesRoute from "@/app/api/v1/roles/route.ts";
import * as roleRoute from "@/app/api/v1/roles/[id]/route.ts";
import * as alertsRoute from "@/app/api/v1/alerts/route.ts";
import * as alertRoute from "@/app/api/v1/alerts/[id]/route.ts";
import * as alertsBulkRoute from "@/app/api/v1/alerts/bulk/route.ts";
import { PERMISSIONS } from "./permissions.ts";

type Handler = (request: Request, context: never) => Promise<Response>;

const PASSWORD = "ochre-lantern-harbour-52";

describe.each(backends)("no one grants more than they hold, on %s", (backend) => {
  const org = seededTestOrg(backend);
  let rootId = "";

  /** A system-owned key with exactly these scopes: the principal holding only part of the admin rights. */
  const keyWith = async (scopes: string[]) =>
    createApiKey(
      org.db.prisma,
      { orgId: org.orgId, name: `holds ${scopes.join(" ")}`, scopes },
      { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
    );

  const call = async (
    handler: Handler,
    token: string,
    method: string,
    body?: unknown,
    params: Record<string, string> = {},
  ) => {
    const request = new Request("http://localhost/api/v1/x", {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await handler(request, { params: Promise.resolve(params) } as never);
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };

  const lastDenial = () =>
    org.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "access.denied" }, orderBy: { seq: "desc" } });

  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "10000" });
    const { uninstall } = installTestRuntime(org.db);
    await org.db.prisma.role.updateMany({ where: { orgId: org.orgId }, data: { mfaRequired: false } });
    rootId = (await org.db.prisma.user.findUniqueOrThrow({ where: { email: "root@example.test" } })).id;
    await org.db.prisma.role.create({
      data: { orgId: org.orgId, name: "helpdesk", permissions: ["users:read"], mfaRequired: false },
    });
    return uninstall;
  });

  it("finding 2: a users:write key cannot create an admin (403, audited as a denial), yet creates a user within what it holds", async () => {
    const { token, key } = await keyWith(["users:read", "users:write"]);
    const admin = await call(usersRoute.POST, token, "POST", { email: "mallory@example.test", roles: ["admin"] });
    expect(admin.status).toBe(403);
    expect(admin.body).toMatchObject({ errors: [{ path: "roles" }] });
    expect(admin.body.detail).toContain("settings:write");
    expect(await org.db.prisma.user.count({ where: { email: "mallory@example.test" } })).toBe(0);
    expect(await lastDenial()).toMatchObject({
      actorType: "apikey",
      actorId: key.id,
      outcome: "denied",
      detail: { missing: expect.arrayContaining(["settings:write", "roles:write"]) },
    });

    const helpdesk = await call(usersRoute.POST, token, "POST", { email: "desk@example.test", roles: ["helpdesk"] });
    expect(helpdesk.status).toBe(201);
  });

  it("finding 3: a users:write key cannot reset an admin's password or MFA, edit, disable or sign them out; a user within its rights it can", async () => {
    const { token } = await keyWith(["users:read", "users:write"]);
    const root = { id: rootId };
    const rootBefore = await org.db.prisma.user.findUniqueOrThrow({ where: { id: rootId } });
    expect((await call(userPasswordRoute.POST, token, "POST", undefined, root)).status).toBe(403);
    expect((await call(userMfaRoute.DELETE, token, "DELETE", undefined, root)).status).toBe(403);
    expect((await call(userSessionsRoute.DELETE, token, "DELETE", undefined, root)).status).toBe(403);
    expect((await call(userRoute.PATCH, token, "PATCH", { name: "Pwned" }, root)).status).toBe(403);
    expect((await call(userRoute.PATCH, token, "PATCH", { mfaRequired: false }, root)).status).toBe(403);
    const rootNow = await org.db.prisma.user.findUniqueOrThrow({ where: { id: rootId } });
    expect(rootNow).toMatchObject({
      passwordHash: rootBefore.passwordHash,
      name: rootBefore.name,
      mfaRequired: rootBefore.mfaRequired,
    });
    expect(await lastDenial()).toMatchObject({
      outcome: "denied",
      detail: { missing: expect.arrayContaining(["audit:read"]) },
    });

    const desk = await createUser(org.db.prisma, {
      orgId: org.orgId,
      email: "desk2@example.test",
      password: PASSWORD,
      roleNames: ["helpdesk"],
      mustChangePassword: false,
    });
    const reset = await call(userPasswordRoute.POST, token, "POST", undefined, { id: desk.id });
    expect(reset.status).toBe(200);
    expect(reset.body.oneTimePassword).toEqual(expect.any(String));
    expect((await call(userRoute.PATCH, token, "PATCH", { disabled: true }, { id: desk.id })).status).toBe(200);
    // Re-enabling or promoting needs what the new roles carry, too.
    expect((await call(userRoute.PATCH, token, "PATCH", { roles: ["viewer"] }, { id: desk.id })).status).toBe(403);
  });

  it("finding 4: an apikeys:write key cannot rotate or revoke a key with scopes it lacks; the admin key keeps its secret", async () => {
    const cli = await keyWith([...PERMISSIONS]);
    const { token } = await keyWith(["apikeys:read", "apikeys:write"]);
    const rotate = await call(apikeyRotateRoute.POST, token, "POST", { graceHours: 24 }, { id: cli.key.id });
    expect(rotate.status).toBe(403);
    expect(rotate.body.token).toBeUndefined();
    expect(rotate.body.detail).toContain("audit:read");
    expect((await org.db.prisma.apiKey.findUniqueOrThrow({ where: { id: cli.key.id } })).secretHash).toBe(
      cli.key.secretHash,
    );
    expect((await call(apikeyRoute.DELETE, token, "DELETE", undefined, { id: cli.key.id })).status).toBe(403);
    expect((await call(usersRoute.GET, cli.token, "GET")).status).toBe(200);

    const reader = await keyWith(["apikeys:read"]);
    expect((await call(apikeyRotateRoute.POST, token, "POST", { graceHours: 0 }, { id: reader.key.id })).status).toBe(
      200,
    );
  });

  it("finding 7: a key made by a key is owned by its creator's owner, narrowed by them, and dies with them or with its parent key", async () => {
    await org.db.prisma.role.create({
      data: {
        orgId: org.orgId,
        name: "keymaker",
        permissions: ["apikeys:write", "alerts:read", "users:read"],
        mfaRequired: false,
      },
    });
    const maker = await createUser(org.db.prisma, {
      orgId: org.orgId,
      email: "maker@example.test",
      password: PASSWORD,
      roleNames: ["keymaker"],
      mustChangePassword: false,
    });
    const parent = await createApiKey(
      org.db.prisma,
      { orgId: org.orgId, name: "maker's key", scopes: ["apikeys:write", "alerts:read", "users:read"] },
      {
        actor: { type: "user", id: maker.id, label: maker.email },
        userId: maker.id,
        permissions: ["apikeys:write", "alerts:read", "users:read"],
      },
    );
    const made = await call(apikeysRoute.POST, parent.token, "POST", {
      name: "child",
      scopes: ["alerts:read", "users:read"],
    });
    expect(made.status).toBe(201);
    const child: string = made.body.token;
    expect((await call(usersRoute.GET, child, "GET")).status).toBe(200);

    // The owner loses users:read: so does the key made by their key.
    await org.db.prisma.role.updateMany({
      where: { orgId: org.orgId, name: "keymaker" },
      data: { permissions: ["apikeys:write", "alerts:read"] },
    });
    expect((await call(usersRoute.GET, child, "GET")).status).toBe(403);
    expect((await call(alertsRoute.GET, child, "GET")).status).toBe(200);
    expect(made.body).toMatchObject({ createdById: maker.id, parentKeyId: parent.key.id });

    // The owner is disabled: the key made by their key stops.
    await updateUser(
      org.db.prisma,
      maker.id,
      { disabled: true },
      { orgId: org.orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
    );
    expect((await call(alertsRoute.GET, child, "GET")).status).toBe(401);
    await updateUser(
      org.db.prisma,
      maker.id,
      { disabled: false },
      { orgId: org.orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS },
    );
    expect((await call(alertsRoute.GET, child, "GET")).status).toBe(200);

    // The parent key is revoked: its child stops too, live sockets included.
    expect(await deadApiKeyIds(org.db.prisma, [made.body.id])).toEqual([]);
    await revokeApiKey(org.db.prisma, org.orgId, parent.key.id, {
      actor: SYSTEM_ACTOR,
      userId: null,
      permissions: PERMISSIONS,
    });
    expect((await call(alertsRoute.GET, child, "GET")).status).toBe(401);
    expect(await deadApiKeyIds(org.db.prisma, [made.body.id])).toEqual([made.body.id]);

    // A system-owned key's child has no owner but hangs on its parent.
    const system = await keyWith(["apikeys:write", "alerts:read"]);
    const orphan = await call(apikeysRoute.POST, system.token, "POST", { name: "grandchild", scopes: ["alerts:read"] });
    expect(orphan.status).toBe(201);
    expect(orphan.body).toMatchObject({ createdById: null, parentKeyId: system.key.id });
    expect((await call(alertsRoute.GET, orphan.body.token, "GET")).status).toBe(200);
    await revokeApiKey(org.db.prisma, org.orgId, system.key.id, {
      actor: SYSTEM_ACTOR,
      userId: null,
      permissions: PERMISSIONS,
    });
    expect((await call(alertsRoute.GET, orphan.body.token, "GET")).status).toBe(401);
  });

  it("finding 16: alerts:write cannot suppress a rule everywhere (or for an alert without an entity) without rules:write", async () => {
    const alertOf = (entityValue: string) =>
      org.db.prisma.alert.create({
        data: {
          orgId: org.orgId,
          groupKey: `g-${entityValue}-${Math.random()}`,
          ruleId: "sn-brute-force-ip",
          title: "Brute force",
          category: "brute_force",
          severity: "high",
          score: 80,
          entityType: "ip",
          entityValue,
          techniques: [],
          count: 1,
          firstSeenAt: new Date(),
          lastSeenAt: new Date(),
          breakdown: { rules: [{ id: "sn-brute-force-ip", points: 80 }] },
          eventIds: [],
        },
      });
    const triager = await keyWith(["alerts:read", "alerts:write"]);
    const everywhere = { suppress: { minutes: 525_600, scope: "everywhere" }, reason: "noisy" };
    const alert = await alertOf("203.0.113.9");
    const refused = await call(alertRoute.PATCH, triager.token, "PATCH", everywhere, { id: alert.id });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("rules:write");
    const noEntity = await alertOf("");
    expect(
      (
        await call(
          alertRoute.PATCH,
          triager.token,
          "PATCH",
          { suppress: { minutes: 60, scope: "entity" }, reason: "noisy" },
          { id: noEntity.id },
        )
      ).status,
    ).toBe(403);
    const bulk = await call(alertsBulkRoute.POST, triager.token, "POST", { ids: [alert.id], patch: everywhere });
    expect(bulk.status).toBe(403);
    expect(await org.db.prisma.suppression.count({ where: { orgId: org.orgId } })).toBe(0);

    expect(
      (
        await call(
          alertRoute.PATCH,
          triager.token,
          "PATCH",
          { suppress: { minutes: 60, scope: "entity" }, reason: "noisy" },
          { id: alert.id },
        )
      ).status,
    ).toBe(200);
    const tuner = await keyWith(["alerts:read", "alerts:write", "rules:write"]);
    expect((await call(alertRoute.PATCH, tuner.token, "PATCH", everywhere, { id: alert.id })).status).toBe(200);
  });

  it("finding 20: roles:write cannot relax MFA on the admin role, nor edit a role holding more than it does", async () => {
    const { token } = await keyWith(["roles:write", "users:read"]);
    const adminRole = await org.db.prisma.role.findFirstOrThrow({ where: { orgId: org.orgId, name: "admin" } });
    await org.db.prisma.role.update({ where: { id: adminRole.id }, data: { mfaRequired: true } });
    const relax = await call(roleRoute.PATCH, token, "PATCH", { mfaRequired: false }, { id: adminRole.id });
    expect(relax.status).toBe(403);
    expect((await org.db.prisma.role.findUniqueOrThrow({ where: { id: adminRole.id } })).mfaRequired).toBe(true);

    const big = await org.db.prisma.role.create({
      data: { orgId: org.orgId, name: "big", permissions: ["audit:read", "users:read"], mfaRequired: true },
    });
    expect((await call(roleRoute.PATCH, token, "PATCH", { permissions: ["users:read"] }, { id: big.id })).status).toBe(
      403,
    );
    expect((await call(roleRoute.PATCH, token, "PATCH", { mfaRequired: false }, { id: big.id })).status).toBe(403);
    expect((await call(roleRoute.DELETE, token, "DELETE", undefined, { id: big.id })).status).toBe(403);

    const small = await call(rolesRoute.POST, token, "POST", { name: "small", permissions: ["users:read"] });
    expect(small.status).toBe(201);
    expect((await call(roleRoute.PATCH, token, "PATCH", { mfaRequired: false }, { id: small.body.id })).status).toBe(
      200,
    );
  });
});
