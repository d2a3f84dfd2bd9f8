import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { AppError } from "@/lib/http/errors.ts";
import { normalizeEmail } from "./sign-in.ts";

export interface CreateUserInput {
  orgId: string;
  email: string;
  password: string;
  roleNames: string[];
  name?: string;
}

export async function createUser(db: PrismaClient, input: CreateUserInput) {
  const email = normalizeEmail(input.email);
  const roles = await db.role.findMany({ where: { orgId: input.orgId, name: { in: input.roleNames } } });
  const missing = input.roleNames.filter((name) => !roles.some((r) => r.name === name));
  if (missing.length) {
    throw new AppError("unprocessable", `Unknown role: ${missing.join(", ")}`, [{ path: "role", message: `unknown role ${missing[0]}` }]);
  }
  if (await db.user.findUnique({ where: { email } })) {
    throw new AppError("conflict", `A user with email ${email} already exists.`, [{ path: "email", message: "already exists" }]);
  }
  const passwordHash = await hashPassword(input.password);
  return db.user.create({
    data: {
      orgId: input.orgId,
      email,
      name: input.name,
      passwordHash,
      roles: { create: roles.map((role) => ({ roleId: role.id })) },
    },
  });
}
