// TOTP multi-factor authentication: enrollment with a QR code, one-time recovery codes, the
// second-factor check at sign-in (each code accepted once), and the admin reset. Every code check
// a user can repeat is throttled per user (lib/auth/secret-checks.ts).
import type { PrismaClient, User } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { openSecret, sealSecret } from "@/lib/crypto/seal.ts";
import { checkTotp, generateTotpSecret, qrCodeSvg, totpUri } from "@/lib/auth/totp.ts";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from "@/lib/auth/recovery-codes.ts";
import { revokeSessions } from "@/lib/auth/session-registry.ts";
import { consumeSecretCheck, secretCheckPassed } from "@/lib/auth/secret-checks.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { lockUserToActOn, userToActOn } from "./target.ts";

export const TOTP_ISSUER = "SecureNet";

const sealKey = () => deriveKey(env().SECURENET_ENCRYPTION_KEY, "secrets-at-rest");
const recoveryKey = () => deriveKey(env().SECURENET_ENCRYPTION_KEY, "recovery-codes");
const totpAad = (userId: string) => `totp:${userId}`;

/** MFA applies unless every one of the user's roles has been relaxed by an admin (and the user is not individually required). */
export function mfaRequiredFor(roles: { mfaRequired: boolean }[], userRequired = false): boolean {
  return userRequired || roles.length === 0 || roles.some((role) => role.mfaRequired);
}

interface Who {
  userId: string;
  actor: Actor;
  context?: RequestContext;
}

export interface Enrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Starts (or restarts) enrollment: a fresh secret, stored sealed, not yet active. */
export async function startEnrollment(db: PrismaClient, who: Who): Promise<Enrollment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: who.userId } });
  if (user.mfaEnabledAt) throw new AppError("conflict", "Two-factor authentication is already enabled.");
  const secret = generateTotpSecret();
  await withAudit(
    db,
    (tx) =>
      tx.user.update({
        where: { id: user.id },
        data: { totpSecretSealed: sealSecret(secret, sealKey(), totpAad(user.id)), totpLastStep: null },
      }),
    () => ({
      orgId: user.orgId,
      action: "auth.mfa.enrollment_started",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      context: who.context,
    }),
  );
  const uri = totpUri({ secret, account: user.email, issuer: TOTP_ISSUER });
  return { secret, uri, qrSvg: await qrCodeSvg(uri) };
}

/** Activates MFA when the code matches the pending secret; returns the recovery codes, shown once. */
export async function confirmEnrollment(db: PrismaClient, who: Who, code: string, now = Date.now()): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({ where: { id: who.userId } });
  if (user.mfaEnabledAt) throw new AppError("conflict", "Two-factor authentication is already enabled.");
  if (!user.totpSecretSealed) throw new AppError("conflict", "Start enrollment first.");
  await consumeSecretCheck("second_factor", user.id);
  const check = checkTotp(openSecret(user.totpSecretSealed, sealKey(), totpAad(user.id)), code, { now });
  if (!check.ok)
    throw new AppError("unprocessable", "That code is not valid. Check your device's clock and try the current code.", [
      { path: "code", message: "invalid code" },
    ]);
  await secretCheckPassed("second_factor", user.id);
  const codes = generateRecoveryCodes();
  await withAudit(
    db,
    async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { mfaEnabledAt: new Date(now), totpLastStep: BigInt(check.step) },
      });
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
      await tx.recoveryCode.createMany({
        data: codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c, recoveryKey()) })),
      });
    },
    () => ({
      orgId: user.orgId,
      action: "auth.mfa.enrolled",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      detail: { method: "totp" },
      context: who.context,
    }),
  );
  return codes;
}

export type SecondFactor = { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft?: number } | { ok: false };

/** Checks a TOTP or recovery code for an enrolled user and consumes it, atomically (no replay). */
export async function verifySecondFactor(
  db: PrismaClient,
  user: User,
  code: string,
  now = Date.now(),
): Promise<SecondFactor> {
  if (!user.mfaEnabledAt || !user.totpSecretSealed) return { ok: false };
  if (looksLikeRecoveryCode(code)) {
    const used = await db.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(code, recoveryKey()), usedAt: null },
      data: { usedAt: new Date(now) },
    });
    if (used.count !== 1) return { ok: false };
    const left = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    return { ok: true, method: "recovery_code", recoveryCodesLeft: left };
  }
  const lastUsedStep = user.totpLastStep == null ? null : Number(user.totpLastStep);
  const check = checkTotp(openSecret(user.totpSecretSealed, sealKey(), totpAad(user.id)), code, { now, lastUsedStep });
  if (!check.ok) return { ok: false };
  // Another instance may have accepted the same code a moment ago: only one update wins.
  const claimed = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(check.step) } }] },
    data: { totpLastStep: BigInt(check.step) },
  });
  return claimed.count === 1 ? { ok: true, method: "totp" } : { ok: false };
}

/** New recovery codes replace the old ones; the current TOTP code is required. */
export async function regenerateRecoveryCodes(db: PrismaClient, who: Who, code: string): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({ where: { id: who.userId } });
  if (!user.mfaEnabledAt) throw new AppError("conflict", "Two-factor authentication is not enabled.");
  await consumeSecretCheck("second_factor", user.id);
  if (looksLikeRecoveryCode(code) || !(await verifySecondFactor(db, user, code)).ok) {
    throw new AppError("unprocessable", "That code is not valid.", [{ path: "code", message: "invalid code" }]);
  }
  await secretCheckPassed("second_factor", user.id);
  const codes = generateRecoveryCodes();
  await withAudit(
    db,
    async (tx) => {
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
      await tx.recoveryCode.createMany({
        data: codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c, recoveryKey()) })),
      });
    },
    () => ({
      orgId: user.orgId,
      action: "auth.mfa.recovery_codes_regenerated",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      context: who.context,
    }),
  );
  return codes;
}

export async function recoveryCodesLeft(db: PrismaClient, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * Admin reset: the user enrolls again at next sign-in; every session of theirs ends. With a password
 * reset it hands over the account, so it needs holding every permission the user holds.
 */
export async function resetMfa(db: PrismaClient, who: Who & { orgId: string; permissions: readonly string[] }) {
  const user = await userToActOn(db, who, who.userId, "reset two-factor authentication of");
  await withAudit(
    db,
    async (tx) => {
      await lockUserToActOn(tx, who, user.id, "reset two-factor authentication of");
      await tx.user.update({
        where: { id: user.id },
        data: { mfaEnabledAt: null, totpSecretSealed: null, totpLastStep: null },
      });
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    },
    () => ({
      orgId: user.orgId,
      action: "auth.mfa.reset",
      actor: who.actor,
      target: { type: "user", id: user.id, label: user.email },
      context: who.context,
    }),
  );
  await revokeSessions(db, { userId: user.id }, { actor: who.actor, context: who.context, reason: "mfa_reset" });
}
