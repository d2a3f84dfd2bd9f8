// Credential check for sign-in. Unknown user, disabled user and wrong password look the same
// to the caller and take the same time (a decoy hash is verified when there is no user).
// Every attempt is audited; a success updates the user and writes its entry in one transaction.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { audit, withAudit, type RequestContext } from "@/lib/audit/record.ts";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password.ts";
import { defaultOrgId } from "@/lib/db/seed.ts";

export interface SignedInUser {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function verifyCredentials(
  db: PrismaClient,
  email: string,
  password: string,
  context: RequestContext = {},
): Promise<SignedInUser | null> {
  const normalized = normalizeEmail(email);
  const user = await db.user.findUnique({ where: { email: normalized } });
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);

  if (!user || !ok || user.disabled) {
    const reason = !user ? "unknown_user" : user.disabled ? "disabled" : "wrong_password";
    await audit(db, {
      orgId: user?.orgId ?? (await defaultOrgId(db)),
      action: "auth.login.failed",
      outcome: "failure",
      actor: { type: "anonymous", id: user?.id ?? null, label: normalized.slice(0, 320) },
      target: user ? { type: "user", id: user.id, label: user.email } : { type: "user", label: normalized.slice(0, 320) },
      detail: { reason },
      context,
    });
    return null;
  }

  return withAudit(
    db,
    async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      return { id: user.id, orgId: user.orgId, email: user.email, name: user.name };
    },
    (signedIn) => ({
      orgId: signedIn.orgId,
      action: "auth.login.succeeded",
      actor: { type: "user", id: signedIn.id, label: signedIn.email },
      target: { type: "user", id: signedIn.id, label: signedIn.email },
      context,
    }),
  );
}
