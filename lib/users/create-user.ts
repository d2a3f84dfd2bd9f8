import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertPasswordAcceptable } from "@/lib/auth/password-policy.ts";
import { normalizeEmail } from "./email.ts";
import { SYSTEM_ACTOR, withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { assertMayGrant } from "@/lib/rbac/grants.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";

export interface CreateUserInput {
  orgId: string;
  email: string;
  password: string;
  roleNames: string[];
  name?: string;
  /** A password chosen by someone else is temporary: the user picks their own at first sign-in. Default true. */
  mustChangePassword?: boolean;
}

/** `by.permissions` bound the roles given: a new user never holds more than whoever made them (the system, for seed and CLI, holds all). */
export async function createUser(
  db: PrismaClient,
  input: CreateUserInput,
  by: { actor: Actor; permissions: readonly string[]; context?: RequestContext } = {
    actor: SYSTEM_ACTOR,
    permissions: PERMISSIONS,
  },
) {
  const email = normalizeEmail(input.email);
  const roles = await db.role.findMany({ where: { orgId: input.orgId, name: { in: input.roleNames } } });
  const missing = input.roleNames.filter((name) => !roles.some((r) => r.name === name));
  if (missing.length) {
    throw new AppError("unprocessable", `Unknown role: ${missing.join(", ")}`, [
      { path: "roles", message: `unknown role ${missing[0]}` },
    ]);
  }
  assertMayGrant(
    by,
    roles.flatMap((r) => r.permissions),
    {
      field: "roles",
      action: `create a user with the roles ${roles
        .map((r) => r.name)
        .sort()
        .join(", ")}`,
    },
  );
  if (await db.user.findUnique({ where: { email } })) {
    throw new AppError("conflict", `A user with email ${email} already exists.`, [
      { path: "email", message: "already exists" },
    ]);
  }
  const org = await db.org.findUniqueOrThrow({ where: { id: input.orgId } });
  assertPasswordAcceptable(input.password, { minLength: org.passwordMinLength, email });
  const passwordHash = await hashPassword(input.password);
  return withAudit(
    db,
    (tx) =>
      tx.user.create({
        data: {
          orgId: input.orgId,
          email,
          name: input.name,
          passwordHash,
          mustChangePassword: input.mustChangePassword ?? true,
          roles: { create: roles.map((role) => ({ roleId: role.id })) },
        },
      }),
    (user) => ({
      orgId: input.orgId,
      action: "user.created",
      actor: by.actor,
      target: { type: "user", id: user.id, label: user.email },
      detail: {
        changes: { email: { old: null, new: user.email }, roles: { old: [], new: roles.map((r) => r.name).sort() } },
      },
      context: by.context,
    }),
  );
}
