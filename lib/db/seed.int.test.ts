import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import { loadPrincipal } from "@/lib/users/principal.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import { seed } from "./seed.ts";
import { backends, createTestDatabase, type TestDatabase } from "./testing.ts";

describe.each(backends)("first-run seed and sign-in on %s", (backend) => {
  let db: TestDatabase;
  let password: string;
  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    const result = await seed(db.prisma, { adminEmail: "Admin@Example.test" });
    password = result.createdAdmin!.generatedPassword!;
  });
  afterAll(() => db.close());

  it("creates the default org, the built-in roles and one admin with a one-time password", async () => {
    expect(await db.prisma.org.findMany({ select: { slug: true } })).toEqual([{ slug: "default" }]);
    const roles = await db.prisma.role.findMany({ orderBy: { name: "asc" } });
    expect(roles.map((r) => r.name)).toEqual(["admin", "analyst", "viewer"]);
    expect(roles.find((r) => r.name === "admin")!.permissions.sort()).toEqual([...PERMISSIONS].sort());
    expect(password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
  });

  it("creates nothing on a second run", async () => {
    const again = await seed(db.prisma, { adminEmail: "someone-else@example.test" });
    expect(again.createdAdmin).toBeUndefined();
    expect(await db.prisma.user.count()).toBe(1);
    expect(await db.prisma.role.count()).toBe(3);
  });

  it("signs in with the printed password and answers alike for wrong password and unknown user", async () => {
    const result = await signIn(db.prisma, { email: "admin@example.test", password });
    expect(result).toMatchObject({ status: "signed_in", user: { email: "admin@example.test" } });
    expect(await signIn(db.prisma, { email: "admin@example.test", password: password + "x" })).toEqual({
      status: "failed",
    });
    expect(await signIn(db.prisma, { email: "nobody@example.test", password })).toEqual({ status: "failed" });
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.test" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.lastSignInAt).not.toBeNull();
  });

  it("gives a principal its roles' permissions, and none once disabled", async () => {
    const orgId = (await db.prisma.org.findFirstOrThrow()).id;
    const viewer = await createUser(db.prisma, {
      orgId,
      email: "viewer@example.test",
      password: "saffron-kettle-drum-88",
      roleNames: ["viewer"],
      mustChangePassword: false,
    });
    // Until the viewer enrolls in MFA (required for every role by default) the principal has no permissions.
    expect(await loadPrincipal(db.prisma, viewer.id)).toMatchObject({ setup: ["mfa_enrollment"], permissions: [] });
    await db.prisma.role.updateMany({ where: { orgId, name: "viewer" }, data: { mfaRequired: false } });
    expect((await loadPrincipal(db.prisma, viewer.id))?.permissions).toEqual(["alerts:read"]);
    await db.prisma.user.update({ where: { id: viewer.id }, data: { disabled: true } });
    expect(await loadPrincipal(db.prisma, viewer.id)).toBeNull();
    expect(await signIn(db.prisma, { email: "viewer@example.test", password: "saffron-kettle-drum-88" })).toEqual({
      status: "failed",
    });
  });

  it("rejects unknown roles and duplicate emails with the field named", async () => {
    const orgId = (await db.prisma.org.findFirstOrThrow()).id;
    await expect(
      createUser(db.prisma, {
        orgId,
        email: "x@example.test",
        password: "saffron-kettle-drum-88",
        roleNames: ["root"],
      }),
    ).rejects.toMatchObject({ status: 422, errors: [{ path: "roles" }] });
    await expect(
      createUser(db.prisma, {
        orgId,
        email: "ADMIN@example.test",
        password: "saffron-kettle-drum-88",
        roleNames: ["viewer"],
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
