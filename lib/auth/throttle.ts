// Brute-force protection in the spirit of Keycloak's detector: a few free attempts, then growing
// waits before the next attempt is considered, then a temporary lock whose length doubles up to a
// cap. Counters live in the database so every instance sees them, and reset after a quiet period.
//
// An attempt is counted before its secret is checked, in one transaction holding the counters'
// rows (consumeAttempt): a burst of concurrent guesses gets exactly the budget, never a check each
// (reading the counter, checking, then writing it let 40 concurrent guesses all through).
//
// Which counters a sign-in spends is sign-in's business (lib/users/sign-in.ts): the lock is per
// account and source, so a stranger locks only their own source out of an account; a far larger
// per-account budget slows a distributed attack without ever locking; a known device has its own.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export interface ThrottlePolicy {
  /** Attempts allowed before any wait. */
  freeFailures: number;
  delayBaseMs: number;
  delayMaxMs: number;
  /** Attempts after which the key is locked (each further one locks again, longer); Infinity: never. */
  lockAfter: number;
  lockBaseMs: number;
  lockMaxMs: number;
  /** A counter with no attempt for this long starts again from zero. */
  resetAfterMs: number;
}

const MINUTE = 60_000;

/** Per account and source (address), and per known device: the one that locks. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  delayBaseMs: 1_000,
  delayMaxMs: MINUTE,
  lockAfter: 30,
  lockBaseMs: MINUTE,
  lockMaxMs: 15 * MINUTE,
  resetAfterMs: 12 * 60 * MINUTE,
};

/** Per account from every unknown source together: much higher, and it only slows, never locks. */
export const ACCOUNT_GLOBAL_POLICY: ThrottlePolicy = {
  ...ACCOUNT_POLICY,
  freeFailures: 100,
  delayMaxMs: 30_000,
  lockAfter: Number.POSITIVE_INFINITY,
};

/** Looser, since many people can share an address, but it catches spraying across accounts. */
export const IP_POLICY: ThrottlePolicy = {
  ...ACCOUNT_POLICY,
  freeFailures: 20,
  lockAfter: 100,
  resetAfterMs: 60 * MINUTE,
};

export const accountKey = (email: string) => `account:${email}`;
export const accountSourceKey = (email: string, ip: string | null | undefined) => `account:${email}|ip:${ip ?? "-"}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const deviceKey = (deviceId: string) => `device:${deviceId}`;

/** How long after the n-th consecutive attempt the next one is refused. */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockAfter)
    return Math.min(policy.lockBaseMs * 2 ** (failures - policy.lockAfter), policy.lockMaxMs);
  if (failures > policy.freeFailures)
    return Math.min(policy.delayBaseMs * 2 ** (failures - policy.freeFailures - 1), policy.delayMaxMs);
  return 0;
}

export interface CounterState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type Decision =
  { allowed: false; until: Date } | { allowed: true; failures: number; lockedUntil: Date | null; locks: boolean };

/** One attempt against one counter: refused while it waits, else counted. */
export function decideAttempt(state: CounterState | null, policy: ThrottlePolicy, now: Date): Decision {
  if (state?.lockedUntil && state.lockedUntil > now) return { allowed: false, until: state.lockedUntil };
  const quiet = !state || state.lastFailureAt.getTime() < now.getTime() - policy.resetAfterMs;
  const failures = (quiet ? 0 : state.failures) + 1;
  const wait = waitAfter(failures, policy);
  return {
    allowed: true,
    failures,
    lockedUntil: wait > 0 ? new Date(now.getTime() + wait) : null,
    locks: failures === policy.lockAfter,
  };
}

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export type Consumed =
  | { allowed: false; blockedKey: string }
  /** `lockouts`: the keys this attempt locked, should it fail. */
  | { allowed: true; lockouts: { key: string; failures: number; until: Date }[] };

/**
 * Spends one attempt from every key, or from none when any of them is waiting: atomically, under
 * row locks taken in key order (so concurrent attempts on overlapping keys cannot deadlock).
 */
export async function consumeAttempt(db: PrismaClient, keys: ThrottleKey[], now = new Date()): Promise<Consumed> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const names = sorted.map((k) => k.key);
  return db.$transaction(
    async (tx) => {
      for (const key of names) {
        await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
      }
      const rows = await tx.$queryRaw<(CounterState & { key: string })[]>`
        SELECT "key", "failures", "lastFailureAt", "lockedUntil" FROM "SignInThrottle" WHERE "key" = ANY(${names}::text[]) ORDER BY "key" FOR UPDATE`;
      const state = new Map(rows.map((r) => [r.key, { ...r, failures: Number(r.failures) }]));
      const decisions = sorted.map((k) => ({
        key: k.key,
        decision: decideAttempt(state.get(k.key) ?? null, k.policy, now),
      }));
      const refused = decisions.find((d) => !d.decision.allowed);
      if (refused) return { allowed: false, blockedKey: refused.key };
      const lockouts: { key: string; failures: number; until: Date }[] = [];
      for (const { key, decision } of decisions) {
        if (!decision.allowed) continue;
        await tx.signInThrottle.update({
          where: { key },
          data: { failures: decision.failures, lastFailureAt: now, lockedUntil: decision.lockedUntil },
        });
        if (decision.locks && decision.lockedUntil)
          lockouts.push({ key, failures: decision.failures, until: decision.lockedUntil });
      }
      return { allowed: true, lockouts };
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/** Gives back an attempt that succeeded, on a counter a success must not clear (an address, an account from everywhere). */
export async function refundAttempt(db: PrismaClient, key: ThrottleKey) {
  await db.$executeRaw`
    UPDATE "SignInThrottle" SET
      "failures" = GREATEST("failures" - 1, 0),
      "lockedUntil" = CASE WHEN "failures" - 1 <= ${key.policy.freeFailures} THEN NULL ELSE "lockedUntil" END
    WHERE "key" = ${key.key}`;
}

export async function clearFailures(db: PrismaClient, key: string) {
  await db.signInThrottle.deleteMany({ where: { key } });
}

/** Drops counters that have been quiet longer than any policy's reset window. */
export async function pruneThrottle(db: PrismaClient, now = new Date()) {
  const oldest = Math.max(ACCOUNT_POLICY.resetAfterMs, ACCOUNT_GLOBAL_POLICY.resetAfterMs, IP_POLICY.resetAfterMs);
  await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - oldest) } } });
}
