// Sign-in: password, then (when enrolled) a TOTP or recovery code, then a new registered session.
// Unknown user, disabled user, wrong password and a locked account or address all give the same
// answer after the same work (exactly one password hash is verified: passwordHashToVerify). The
// attempt is counted before anything is checked (lib/auth/throttle.ts): per account and source,
// per account from everywhere (slows, never locks), per address; a browser holding this user's
// known-device cookie spends only its own budget instead, so strangers cannot lock its owner out.
// The TOTP step is also throttled per user. Every failure and lockout is audited and emitted as a
// security event; a success clears its source's counter and returns a fresh device cookie.
import type { PrismaClient, User } from "@/lib/generated/prisma/client.ts";
import { audit, withAudit, type RequestContext } from "@/lib/audit/record.ts";
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password.ts";
import { createSession, sessionPolicy, sessionRef, type SessionPolicy } from "@/lib/auth/session-registry.ts";
import { issueDeviceToken, knownDeviceId } from "@/lib/auth/device.ts";
import { secretCheckPassed, trySecretCheck } from "@/lib/auth/secret-checks.ts";
import {
  ACCOUNT_GLOBAL_POLICY,
  ACCOUNT_POLICY,
  IP_POLICY,
  accountKey,
  accountSourceKey,
  clearFailures,
  consumeAttempt,
  deviceKey,
  ipKey,
  refundAttempt,
  type ThrottleKey,
  type ThrottlePolicy,
} from "@/lib/auth/throttle.ts";
import { defaultOrgId } from "@/lib/orgs/default-org.ts";
import { refusingBlock } from "@/lib/pipeline/blocked-source.ts";
import { emitSecurityEvent, type SecurityEvent } from "@/lib/security/events.ts";
import { normalizeEmail } from "./email.ts";
import { verifySecondFactor } from "./mfa.ts";

export interface SignedInUser {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
}

export type SignInResult =
  /** `device`: the known-device token to set as this browser's cookie. */
  | { status: "signed_in"; user: SignedInUser; sessionId: string; device: string }
  /** The password was right; ask for the second factor and try again with it. */
  | { status: "mfa_required" }
  | { status: "failed" };

export interface SignInAttempt {
  email: string;
  password: string;
  code?: string;
  /** The known-device cookie, if the browser sent one. */
  device?: string;
}

export interface SignInPolicies {
  /** Per account and source, and per known device: the one that locks. */
  account: ThrottlePolicy;
  ip: ThrottlePolicy;
  /** Per account from every unknown source. */
  global?: ThrottlePolicy;
}

export interface SignInOptions {
  now?: Date;
  throttle?: SignInPolicies;
  session?: SessionPolicy;
}

type FailureReason = Extract<SecurityEvent, { kind: "auth.failure" }>["reason"];

/**
 * The one hash a sign-in verifies: the user's own, or the decoy when there is no one to sign in
 * (unknown, disabled) or the attempt was refused unchecked, so every path costs the same.
 */
export function passwordHashToVerify(
  user: Pick<User, "disabled" | "passwordHash"> | null,
  throttled = false,
): { decoy: true } | { decoy: false; hash: string } {
  return !user || user.disabled || throttled ? { decoy: true } : { decoy: false, hash: user.passwordHash };
}

/** The counters an attempt spends: a known device's own, else the account's from this source, the account's from everywhere and the address's. */
export function throttleKeysFor(
  email: string,
  sourceIp: string | undefined | null,
  deviceId: string | null,
  policies: SignInPolicies,
): ThrottleKey[] {
  if (deviceId) return [{ key: deviceKey(deviceId), policy: policies.account }];
  const keys: ThrottleKey[] = [
    { key: accountSourceKey(email, sourceIp), policy: policies.account },
    { key: accountKey(email), policy: policies.global ?? ACCOUNT_GLOBAL_POLICY },
  ];
  if (sourceIp) keys.push({ key: ipKey(sourceIp), policy: policies.ip });
  return keys;
}

export async function signIn(
  db: PrismaClient,
  attempt: SignInAttempt,
  context: RequestContext = {},
  options: SignInOptions = {},
): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const email = normalizeEmail(attempt.email);
  const decoy = await decoyPasswordHash();
  // Both lookups on every path, so an unknown user costs no fewer queries than a known one.
  const [user, fallbackOrgId] = await Promise.all([db.user.findUnique({ where: { email } }), defaultOrgId(db)]);
  const orgId = user?.orgId ?? fallbackOrgId;
  const deviceId = user ? knownDeviceId(attempt.device, user.id, now) : null;
  const keys = throttleKeysFor(
    email,
    context.sourceIp,
    deviceId,
    options.throttle ?? { account: ACCOUNT_POLICY, ip: IP_POLICY },
  );

  const consumed = await consumeAttempt(db, keys, now);
  const plan = passwordHashToVerify(user, !consumed.allowed);
  const passwordOk = (await verifyPassword(plan.decoy ? decoy : plan.hash, attempt.password)) && !plan.decoy;
  const lockouts = consumed.allowed ? consumed.lockouts : [];

  const fail = async (reason: FailureReason): Promise<SignInResult> => {
    await recordSignInFailure(db, { email, orgId, user, reason, context, now, lockouts });
    return { status: "failed" };
  };

  if (!consumed.allowed) return fail("locked");
  if (await refusingBlock(db, orgId, "sign-in", context, now)) return fail("blocked_ip");
  if (!user) return fail("unknown_user");
  if (user.disabled) return fail("disabled");
  if (!passwordOk) return fail("wrong_password");

  let mfa: Awaited<ReturnType<typeof verifySecondFactor>> | null = null;
  if (user.mfaEnabledAt) {
    if (!attempt.code?.trim()) {
      // Not a failure: the next step. The attempt is given back, to be spent with the code.
      for (const key of keys) await refundAttempt(db, key);
      return { status: "mfa_required" };
    }
    if (!(await trySecretCheck("second_factor", user.id))) return fail("locked");
    mfa = await verifySecondFactor(db, user, attempt.code.trim(), now.getTime());
    if (!mfa.ok) return fail("wrong_mfa_code");
    await secretCheckPassed("second_factor", user.id);
  }

  const [own, ...shared] = keys;
  await clearFailures(db, own!.key);
  for (const key of shared) await refundAttempt(db, key);
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : null;
  const session = await withAudit(
    db,
    async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { lastSignInAt: now, ...(rehashed ? { passwordHash: rehashed } : {}) },
      });
      return createSession(tx, user, context, options.session ?? sessionPolicy(), now);
    },
    (created) => ({
      orgId: user.orgId,
      action: "auth.login.succeeded",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id, label: user.email },
      detail: {
        session: sessionRef(created.id),
        mfa: mfa?.ok ? mfa.method : "none",
        ...(rehashed ? { passwordRehashed: true } : {}),
      },
      context,
    }),
  );
  if (mfa?.ok && mfa.method === "recovery_code") {
    await audit(db, {
      orgId: user.orgId,
      action: "auth.mfa.recovery_code_used",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id, label: user.email },
      detail: { remaining: mfa.recoveryCodesLeft },
      context,
    });
  }
  return {
    status: "signed_in",
    user: { id: user.id, orgId: user.orgId, email: user.email, name: user.name },
    sessionId: session.id,
    device: issueDeviceToken(user.id, now),
  };
}

interface FailureInput {
  email: string;
  orgId: string;
  user: User | null;
  reason: FailureReason;
  context: RequestContext;
  now: Date;
  /** The counters this failed attempt locked. */
  lockouts: { key: string; failures: number; until: Date }[];
}

async function recordSignInFailure(db: PrismaClient, input: FailureInput) {
  const { email, orgId, user, reason, context, now } = input;
  const base = {
    "@timestamp": now.toISOString(),
    orgId,
    "source.ip": context.sourceIp ?? null,
    "user_agent.original": context.userAgent ?? null,
  };
  const label = email.slice(0, 320);

  await audit(db, {
    orgId,
    action: "auth.login.failed",
    outcome: "failure",
    actor: { type: "anonymous", id: user?.id ?? null, label },
    target: user ? { type: "user", id: user.id, label: user.email } : { type: "user", label },
    detail: { reason },
    context,
  });
  emitSecurityEvent({ ...base, kind: "auth.failure", "user.name": label, reason });

  for (const lockout of input.lockouts) {
    const scope = lockout.key.startsWith("ip:") ? "ip" : "account";
    const until = lockout.until.toISOString();
    await audit(db, {
      orgId,
      action: "auth.lockout",
      outcome: "failure",
      actor: { type: "anonymous", id: user?.id ?? null, label },
      target:
        scope === "ip" ? { type: "ip", id: context.sourceIp ?? null } : { type: "user", id: user?.id ?? null, label },
      detail: { scope, failures: lockout.failures, until },
      context,
    });
    emitSecurityEvent({ ...base, kind: "auth.lockout", scope, key: lockout.key, failures: lockout.failures, until });
  }
}
