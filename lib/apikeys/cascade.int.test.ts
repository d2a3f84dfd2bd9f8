// Stopping a key shows on the keys it made: revoking a key revokes every key below it in the same
// transaction (one audit entry each, as for any revocation), and keys stopped by their owner's
// disablement or a parent key's expiry are listed as stopped, not active. Through the real handlers.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { backends } from "@/lib/db/testing.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import { updateUser } from "@/lib/users/admin.ts";
import { createUser } from "@/lib/users/create-user.ts";
import * as apikeysRoute from "@/app/api/v1/apikeys/route.ts";
import * as apikeyRoute from "@/app/api/v1/apikeys/[id]/route.ts";
import * as alertsRoute from "@/app/api/v1/alerts/route.ts";
import { createApiKey } from "./manage.ts";

type Handler = (request: Request, context: never) => Promise<Response>;
type Listed = { id: string; revokedAt: string | null; stoppedBy: string | null };

describe.each(backends)("stopping a key stops, visibly, the keys it made, on %s", (backend) => {
  const api = apiTestOrg(backend);

  const as = async (
    token: string,
    handler: Handler,
    method: string,
    body?: unknown,
    params: Record<string, string> = {},
  ) => {
    const request = new Request("http://localhost/api/v1/apikeys", {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await handler(request, { params: Promise.resolve(params) } as never);
    return { status: response.status, body: await response.json() };
  };
  const listed = async (ids: string[]) => {
    const keys: Listed[] = (await api.call(apikeysRoute.GET, "GET", "/api/v1/apikeys")).body.keys;
    return ids.map((id) => keys.find((k) => k.id === id));
  };
  const maker = { scopes: ["apikeys:write", "apikeys:read", "alerts:read"] };

  it("revoking a key revokes its children and grandchildren, listed as revoked and audited one entry each in one transaction", async () => {
    const parent = await api.call(apikeysRoute.POST, "POST", "/api/v1/apikeys", { name: "parent", ...maker });
    expect(parent.status).toBe(201);
    const child = await as(parent.body.token, apikeysRoute.POST, "POST", { name: "child", ...maker });
    const grandchild = await as(child.body.token, apikeysRoute.POST, "POST", {
      name: "grandchild",
      scopes: ["alerts:read"],
    });
    const sibling = await api.call(apikeysRoute.POST, "POST", "/api/v1/apikeys", {
      name: "sibling",
      scopes: ["alerts:read"],
    });
    expect([child.status, grandchild.status, sibling.status]).toEqual([201, 201, 201]);

    const revoked = await api.call(apikeyRoute.DELETE, "DELETE", `/api/v1/apikeys/${parent.body.id}`, undefined, {
      id: parent.body.id,
    });
    expect(revoked.status).toBe(200);

    const [p, c, g, s] = await listed([parent.body.id, child.body.id, grandchild.body.id, sibling.body.id]);
    expect(p?.revokedAt).toEqual(expect.any(String));
    expect(c, "the child is listed as revoked").toMatchObject({ revokedAt: p!.revokedAt });
    expect(g, "the grandchild is listed as revoked").toMatchObject({ revokedAt: p!.revokedAt });
    expect(s).toMatchObject({ revokedAt: null, stoppedBy: null });
    expect((await as(grandchild.body.token, alertsRoute.GET, "GET")).status).toBe(401);
    expect((await as(sibling.body.token, alertsRoute.GET, "GET")).status).toBe(200);

    const entries = await api.db.prisma.auditEntry.findMany({
      where: { orgId: api.orgId, action: "apikey.revoked" },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => e.targetId)).toEqual([parent.body.id, child.body.id, grandchild.body.id]);
    expect(entries.map((e) => Number(e.seq) - Number(entries[0]!.seq))).toEqual([0, 1, 2]);
    expect(entries[0]!.detail).toMatchObject({ alsoRevoked: [child.body.id, grandchild.body.id] });
    expect(entries[2]!.detail).toMatchObject({
      reason: "parent_key_revoked",
      revokedWith: parent.body.id,
      parentKeyId: child.body.id,
    });

    // Revoking it again finds nothing more to do and records nothing.
    expect((await api.call(apikeyRoute.DELETE, "DELETE", "x", undefined, { id: parent.body.id })).status).toBe(200);
    expect(await api.db.prisma.auditEntry.count({ where: { orgId: api.orgId, action: "apikey.revoked" } })).toBe(3);
  });

  it("keys whose owner is disabled, or whose parent key expired, are listed as stopped until the owner is back", async () => {
    await api.db.prisma.role.create({
      data: { orgId: api.orgId, name: "keymaker", permissions: maker.scopes, mfaRequired: false },
    });
    const owner = await createUser(api.db.prisma, {
      orgId: api.orgId,
      email: "owner@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["keymaker"],
      mustChangePassword: false,
    });
    const own = await createApiKey(
      api.db.prisma,
      { orgId: api.orgId, name: "owned", ...maker },
      { actor: { type: "user", id: owner.id, label: owner.email }, userId: owner.id, permissions: maker.scopes },
    );
    const made = await as(own.token, apikeysRoute.POST, "POST", { name: "made by owned", scopes: ["alerts:read"] });
    expect(made.status).toBe(201);
    const admin = { orgId: api.orgId, actor: SYSTEM_ACTOR, permissions: PERMISSIONS };

    await updateUser(api.db.prisma, owner.id, { disabled: true }, admin);
    expect((await as(made.body.token, alertsRoute.GET, "GET")).status).toBe(401);
    expect(await listed([own.key.id, made.body.id])).toEqual([
      expect.objectContaining({ revokedAt: null, stoppedBy: "owner_disabled" }),
      expect.objectContaining({ revokedAt: null, stoppedBy: "owner_disabled" }),
    ]);
    await updateUser(api.db.prisma, owner.id, { disabled: false }, admin);
    expect(await listed([own.key.id, made.body.id])).toEqual([
      expect.objectContaining({ stoppedBy: null }),
      expect.objectContaining({ stoppedBy: null }),
    ]);

    await api.db.prisma.apiKey.update({ where: { id: own.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await as(made.body.token, alertsRoute.GET, "GET")).status).toBe(401);
    expect(await listed([made.body.id])).toEqual([
      expect.objectContaining({ revokedAt: null, stoppedBy: "parent_key" }),
    ]);
  });
});
