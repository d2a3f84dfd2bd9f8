// Sign-in: password, then (when enrolled) a TOTP or recovery code, then a new registered session.
// Unknown user, disabled user, wrong password and a locked account or address all give the same
// answer after the same work (a password hash is always verified). Every failure and lockout is
// audited and emitted as a security event; a success clears the account's failure counter.
import type { PrismaClient, User } from "@/lib/generated/prisma/client.ts";
import { audit, withAudit, type RequestContext } from "@/lib/audit/record.ts";
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password.ts";
import { createSession, sessionPolicy, sessionRef, type SessionPolicy } from "@/lib/auth/sessions.ts";
import {
  ACCOUNT_POLICY,
  IP_POLICY,
  accountKey,
  blockedKey,
  clearFailures,
  ipKey,
  recordFailure,
  type ThrottlePolicy,
} from "@/lib/auth/throttle.ts";
import { defaultOrgId } from "@/lib/db/seed.ts";
import { blockFor, recordEnforcement } from "@/lib/response/blocks.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
import { emitSecurityEvent, type SecurityEvent } from "@/lib/security/events.ts";
import { verifySecondFactor } from "./mfa.ts";

export interface SignedInUser {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
}

export type SignInResult =
  | { status: "signed_in"; user: SignedInUser; sessionId: string }
  /** The password was right; ask for the second factor and try again with it. */
  | { status: "mfa_required" }
  | { status: "failed" };

export interface SignInAttempt {
  email: string;
  password: string;
  code?: string;
}

export interface SignInOptions {
  now?: Date;
  throttle?: { account: ThrottlePolicy; ip: ThrottlePolicy };
  session?: SessionPolicy;
}

type FailureReason = Extract<SecurityEvent, { kind: "auth.failure" }>["reason"];

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIn(db: PrismaClient, attempt: SignInAttempt, context: RequestContext = {}, options: SignInOptions = {}): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const email = normalizeEmail(attempt.email);
  const policies = { [accountKey(email)]: options.throttle?.account ?? ACCOUNT_POLICY } as Record<string, ThrottlePolicy>;
  if (context.sourceIp) policies[ipKey(context.sourceIp)] = options.throttle?.ip ?? IP_POLICY;

  const blocked = await blockedKey(db, Object.keys(policies), policies, now);
  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), attempt.password);

  const fail = async (reason: FailureReason, count: boolean): Promise<SignInResult> => {
    await recordSignInFailure(db, { email, user, reason, context, now, policies: count ? policies : {} });
    return { status: "failed" };
  };

  if (blocked) return fail("locked", false);
  const ipBlock = await blockFor(db, user?.orgId ?? (await defaultOrgId(db)), context.sourceIp, now);
  if (ipBlock) {
    const { blockedIpAction } = await detectionSettings(db, ipBlock.orgId);
    await recordEnforcement(db, ipBlock.orgId, ipBlock, "sign-in", blockedIpAction, context);
    if (blockedIpAction === "reject") return fail("blocked_ip", false);
  }
  if (!user) return fail("unknown_user", true);
  if (!passwordOk) return fail("wrong_password", true);
  if (user.disabled) return fail("disabled", true);

  let mfa: Awaited<ReturnType<typeof verifySecondFactor>> | null = null;
  if (user.mfaEnabledAt) {
    if (!attempt.code?.trim()) return { status: "mfa_required" };
    mfa = await verifySecondFactor(db, user, attempt.code.trim(), now.getTime());
    if (!mfa.ok) return fail("wrong_mfa_code", true);
  }

  await clearFailures(db, accountKey(email));
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : null;
  const session = await withAudit(
    db,
    async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now, ...(rehashed ? { passwordHash: rehashed } : {}) } });
      return createSession(tx, user, context, options.session ?? sessionPolicy(), now);
    },
    (created) => ({
      orgId: user.orgId,
      action: "auth.login.succeeded",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id, label: user.email },
      detail: { session: sessionRef(created.id), mfa: mfa?.ok ? mfa.method : "none", ...(rehashed ? { passwordRehashed: true } : {}) },
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
  return { status: "signed_in", user: { id: user.id, orgId: user.orgId, email: user.email, name: user.name }, sessionId: session.id };
}

interface FailureInput {
  email: string;
  user: User | null;
  reason: FailureReason;
  context: RequestContext;
  now: Date;
  /** The throttle keys to count this failure against (none when the attempt was refused unchecked). */
  policies: Record<string, ThrottlePolicy>;
}

async function recordSignInFailure(db: PrismaClient, input: FailureInput) {
  const { email, user, reason, context, now } = input;
  const orgId = user?.orgId ?? (await defaultOrgId(db));
  const base = { "@timestamp": now.toISOString(), orgId, "source.ip": context.sourceIp ?? null, "user_agent.original": context.userAgent ?? null };
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

  for (const [key, policy] of Object.entries(input.policies)) {
    const outcome = await recordFailure(db, key, policy, now);
    if (!outcome.lockedUntil) continue;
    const scope = key.startsWith("ip:") ? "ip" : "account";
    await audit(db, {
      orgId,
      action: "auth.lockout",
      outcome: "failure",
      actor: { type: "anonymous", id: user?.id ?? null, label },
      target: scope === "ip" ? { type: "ip", id: context.sourceIp ?? null } : { type: "user", id: user?.id ?? null, label },
      detail: { scope, failures: outcome.failures, until: outcome.lockedUntil.toISOString() },
      context,
    });
    emitSecurityEvent({ ...base, kind: "auth.lockout", scope, key, failures: outcome.failures, until: outcome.lockedUntil.toISOString() });
  }
}
