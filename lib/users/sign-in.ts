// Credential check for sign-in. Unknown user, disabled user and wrong password look the same
// to the caller and take the same time (a decoy hash is verified when there is no user).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password.ts";

export interface SignedInUser {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function verifyCredentials(db: PrismaClient, email: string, password: string): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !ok || user.disabled) return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, orgId: user.orgId, email: user.email, name: user.name };
}
