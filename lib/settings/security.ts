// Org security settings an admin controls: the password minimum length (per-role MFA lives with
// the roles, lib/rbac/roles.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { PASSWORD_MIN_LENGTH_CEILING, PASSWORD_MIN_LENGTH_FLOOR, validMinLength } from "@/lib/auth/password-policy.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";

interface By {
  orgId: string;
  actor: Actor;
  context?: RequestContext;
}

export async function securitySettings(db: PrismaClient, orgId: string) {
  const org = await db.org.findUniqueOrThrow({ where: { id: orgId } });
  const roles = await db.role.findMany({
    where: { orgId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, builtIn: true, mfaRequired: true },
  });
  return { passwordMinLength: org.passwordMinLength, roles };
}

export async function setPasswordMinLength(db: PrismaClient, minLength: number, by: By) {
  if (!validMinLength(minLength)) {
    throw new AppError(
      "unprocessable",
      `The minimum length must be between ${PASSWORD_MIN_LENGTH_FLOOR} and ${PASSWORD_MIN_LENGTH_CEILING}.`,
      [{ path: "passwordMinLength", message: `must be ${PASSWORD_MIN_LENGTH_FLOOR}-${PASSWORD_MIN_LENGTH_CEILING}` }],
    );
  }
  const before = await db.org.findUniqueOrThrow({ where: { id: by.orgId } });
  if (before.passwordMinLength === minLength) return;
  await withAudit(
    db,
    (tx) => tx.org.update({ where: { id: by.orgId }, data: { passwordMinLength: minLength } }),
    () => ({
      orgId: by.orgId,
      action: "settings.updated",
      actor: by.actor,
      target: { type: "settings", id: "security" },
      detail: { changes: { passwordMinLength: { old: before.passwordMinLength, new: minLength } } },
      context: by.context,
    }),
  );
}
