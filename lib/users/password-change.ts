// Changing passwords: one's own (current password required) and the admin-forced reset.
// Either way the user's other sessions end; a reset never touches MFA.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/auth/password.ts";
import { assertPasswordAcceptable } from "@/lib/auth/password-policy.ts";
import { revokeSessions } from "@/lib/auth/session-registry.ts";
import { consumeSecretCheck, secretCheckPassed } from "@/lib/auth/secret-checks.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { lockUserToActOn, userToActOn } from "./target.ts";

export async function changeOwnPassword(
  db: PrismaClient,
  who: { userId: string; sessionId?: string; actor: Actor; context?: RequestContext },
  input: { currentPassword: string; newPassword: string },
) {
  const user = await db.user.findUniqueOrThrow({ where: { id: who.userId }, include: { org: true } });
  // Throttled per user, so a session left open is not an oracle for the password.
  await consumeSecretCheck("password", user.id);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("unprocessable", "The current password is not correct.", [
      { path: "currentPassword", message: "incorrect" },
    ]);
  }
  await secretCheckPassed("password", user.id);
  if (input.newPassword === input.currentPassword) {
    throw new AppError("unprocessable", "Choose a password different from the current one.", [
      { path: "newPassword", message: "same as the current password" },
    ]);
  }
  assertPasswordAcceptable(
    input.newPassword,
    { minLength: user.org.passwordMinLength, email: user.email },
    "newPassword",
  );
  const passwordHash = await hashPassword(input.newPassword);
  await withAudit(
    db,
    (tx) =>
      tx.user.update({
        where: { id: user.id },
        data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
      }),
    () => ({
      orgId: user.orgId,
      action: "user.password_changed",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      detail: { wasOneTime: user.mustChangePassword },
      context: who.context,
    }),
  );
  await revokeSessions(
    db,
    { userId: user.id, exceptSessionId: who.sessionId },
    { actor: who.actor, context: who.context, reason: "password_changed" },
  );
}

/**
 * Sets a generated one-time password (returned once) that must be changed at next sign-in. Whoever
 * resets it could sign in as the user: they must hold every permission the user holds.
 */
export async function resetPassword(
  db: PrismaClient,
  who: { userId: string; orgId: string; actor: Actor; permissions: readonly string[]; context?: RequestContext },
): Promise<string> {
  const user = await userToActOn(db, who, who.userId, "reset the password of");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await withAudit(
    db,
    async (tx) => {
      // The user may have been promoted while the password was hashed: check again, under lock.
      await lockUserToActOn(tx, who, user.id, "reset the password of");
      await tx.user.update({
        where: { id: user.id },
        data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
      });
    },
    () => ({
      orgId: user.orgId,
      action: "user.password_reset",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      context: who.context,
    }),
  );
  await revokeSessions(db, { userId: user.id }, { actor: who.actor, context: who.context, reason: "password_reset" });
  return oneTimePassword;
}
