// First-run data: the default org, the built-in roles and the first admin. Idempotent: a second
// run creates nothing. Callers hold the migration lock so concurrent first starts seed once.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { generateOneTimePassword } from "@/lib/auth/password.ts";
import { BUILT_IN_ROLES } from "@/lib/rbac/permissions.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { DEFAULT_ORG_SLUG } from "@/lib/orgs/default-org.ts";

export interface SeedOptions {
  adminEmail: string;
  /** When unset, a one-time password is generated and returned to be shown once. */
  adminPassword?: string;
}

export interface SeedResult {
  orgId: string;
  createdAdmin?: { email: string; generatedPassword?: string };
}

export async function seed(db: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const org = await db.org.upsert({
    where: { slug: DEFAULT_ORG_SLUG },
    create: { slug: DEFAULT_ORG_SLUG, name: "Default organisation" },
    update: {},
  });
  for (const [name, role] of Object.entries(BUILT_IN_ROLES)) {
    await db.role.upsert({
      where: { orgId_name: { orgId: org.id, name } },
      create: { orgId: org.id, name, description: role.description, permissions: [...role.permissions], builtIn: true },
      // Built-in roles follow the catalogue of this release.
      update: { permissions: [...role.permissions], builtIn: true },
    });
  }
  const hasUsers = (await db.user.count({ where: { orgId: org.id } })) > 0;
  if (hasUsers) return { orgId: org.id };

  const generatedPassword = options.adminPassword ? undefined : generateOneTimePassword();
  const admin = await createUser(db, {
    orgId: org.id,
    email: options.adminEmail,
    password: options.adminPassword ?? generatedPassword!,
    roleNames: ["admin"],
    name: "Administrator",
    // The printed one-time password must be changed at first sign-in; one the operator chose need not.
    mustChangePassword: !options.adminPassword,
  });
  return { orgId: org.id, createdAdmin: { email: admin.email, generatedPassword } };
}
