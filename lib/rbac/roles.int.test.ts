import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { loadPrincipal } from "@/lib/users/principal.ts";
import { updateUser } from "@/lib/users/admin.ts";
import { PERMISSIONS } from "./permissions.ts";
import { createRole, deleteRole, updateRole } from "./roles.ts";

describe.each(backends)("roles and user administration on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let rootId: string;
  const admin = () => ({
    orgId,
    actor: { type: "user" as const, id: rootId, label: "root@example.test" },
    permissions: PERMISSIONS,
  });

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    rootId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "root@example.test" } })).id;
  });
  afterAll(() => db.close());

  it("creates, edits and deletes a custom role, auditing before and after; access follows at once", async () => {
    const role = await createRole(
      db.prisma,
      { name: "triage", description: "Alert triage", permissions: ["alerts:read", "alerts:write"], mfaRequired: false },
      admin(),
    );
    const user = await createUser(db.prisma, {
      orgId,
      email: "tri@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["triage"],
      mustChangePassword: false,
    });
    expect((await loadPrincipal(db.prisma, user.id))!.permissions).toEqual(["alerts:read", "alerts:write"]);

    await updateRole(db.prisma, role.id, { permissions: ["alerts:read", "audit:read"] }, admin());
    expect((await loadPrincipal(db.prisma, user.id))!.permissions).toEqual(["alerts:read", "audit:read"]);
    const updated = await db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "role.updated" },
      orderBy: { seq: "desc" },
    });
    expect(updated.detail).toMatchObject({
      before: { permissions: ["alerts:read", "alerts:write"] },
      after: { permissions: ["alerts:read", "audit:read"] },
    });

    await expect(deleteRole(db.prisma, role.id, admin())).rejects.toMatchObject({ status: 409 });
    await updateUser(db.prisma, user.id, { roles: ["viewer"] }, admin());
    await deleteRole(db.prisma, role.id, admin());
    expect(
      await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "role.deleted" }, orderBy: { seq: "desc" } }),
    ).toMatchObject({ targetLabel: "triage", detail: { before: { name: "triage" }, after: null } });
  });

  it("refuses bad names, unknown permissions and duplicates with the field named", async () => {
    await expect(createRole(db.prisma, { name: "Bad Name", permissions: [] }, admin())).rejects.toMatchObject({
      status: 422,
      errors: [{ path: "name" }],
    });
    await expect(
      createRole(db.prisma, { name: "x-role", permissions: ["alerts:delete"] }, admin()),
    ).rejects.toMatchObject({ status: 422, errors: [{ path: "permissions" }] });
    await expect(createRole(db.prisma, { name: "analyst", permissions: [] }, admin())).rejects.toMatchObject({
      status: 409,
    });
  });

  it("keeps built-in roles as released: no edits beyond MFA, no deletion", async () => {
    const viewer = await db.prisma.role.findFirstOrThrow({ where: { orgId, name: "viewer" } });
    await expect(
      updateRole(db.prisma, viewer.id, { permissions: ["alerts:read", "users:read"] }, admin()),
    ).rejects.toMatchObject({ status: 409 });
    await expect(deleteRole(db.prisma, viewer.id, admin())).rejects.toMatchObject({ status: 409 });
    const relaxed = await updateRole(db.prisma, viewer.id, { mfaRequired: false }, admin());
    expect(relaxed.mfaRequired).toBe(false);
    expect(
      (await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "role.updated" }, orderBy: { seq: "desc" } }))
        .detail,
    ).toMatchObject({ warning: expect.stringMatching(/MFA/) });
  });

  it("never lets someone grant permissions they do not hold", async () => {
    const roleAdmin = { ...admin(), permissions: ["roles:write", "users:write", "alerts:read"] };
    await expect(
      createRole(db.prisma, { name: "sneaky", permissions: ["alerts:read", "audit:read"] }, roleAdmin),
    ).rejects.toMatchObject({ status: 403, errors: [{ path: "permissions" }] });
    const user = await createUser(db.prisma, {
      orgId,
      email: "climber@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["viewer"],
      mustChangePassword: false,
    });
    await expect(updateUser(db.prisma, user.id, { roles: ["admin"] }, roleAdmin)).rejects.toMatchObject({
      status: 403,
      errors: [{ path: "roles" }],
    });
  });

  it("the last enabled admin can be neither demoted nor disabled; with a second admin both work", async () => {
    await expect(updateUser(db.prisma, rootId, { roles: ["analyst"] }, admin())).rejects.toMatchObject({ status: 409 });
    await expect(updateUser(db.prisma, rootId, { disabled: true }, admin())).rejects.toMatchObject({ status: 409 });
    expect((await loadPrincipal(db.prisma, rootId))!.roles).toEqual(["admin"]);

    const second = await createUser(db.prisma, {
      orgId,
      email: "second@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["admin"],
      mustChangePassword: false,
    });
    // Two admins demoting each other at the same moment: one of them must stay.
    const results = await Promise.allSettled([
      updateUser(db.prisma, rootId, { roles: ["analyst"] }, admin()),
      updateUser(db.prisma, second.id, { roles: ["analyst"] }, admin()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = await db.prisma.user.count({ where: { orgId, roles: { some: { role: { name: "admin" } } } } });
    expect(admins).toBe(1);
  });

  it("disabling a user ends their sessions and is audited with before and after", async () => {
    const user = await createUser(db.prisma, {
      orgId,
      email: "leaver@example.test",
      password: "ochre-lantern-harbour-52",
      roleNames: ["viewer"],
      mustChangePassword: false,
    });
    await db.prisma.userSession.create({
      data: { userId: user.id, orgId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await updateUser(db.prisma, user.id, { disabled: true, mfaRequired: true }, admin());
    expect(await db.prisma.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(
      await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "user.disabled" }, orderBy: { seq: "desc" } }),
    ).toMatchObject({
      targetLabel: "leaver@example.test",
      detail: { before: { disabled: false, mfaRequired: false }, after: { disabled: true, mfaRequired: true } },
    });
  });
});
