// Brute-force protection in the spirit of Keycloak's detector, per account and per source IP:
// a few free failures, then growing waits before the next attempt is considered, then a
// temporary lock whose length doubles up to a cap. Counters live in the database so every
// instance sees them, and reset after a quiet period. A success clears the account's counter;
// an IP's counter only decays (one valid account must not reset a password sprayer).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  delayBaseMs: number;
  delayMaxMs: number;
  /** Failures after which the key is locked (each further failure locks again, longer). */
  lockAfter: number;
  lockBaseMs: number;
  lockMaxMs: number;
  /** A counter with no failure for this long starts again from zero. */
  resetAfterMs: number;
}

const MINUTE = 60_000;

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  delayBaseMs: 1_000,
  delayMaxMs: MINUTE,
  lockAfter: 30,
  lockBaseMs: MINUTE,
  lockMaxMs: 15 * MINUTE,
  resetAfterMs: 12 * 60 * MINUTE,
};

/** Looser, since many people can share an address, but it catches spraying across accounts. */
export const IP_POLICY: ThrottlePolicy = { ...ACCOUNT_POLICY, freeFailures: 20, lockAfter: 100, resetAfterMs: 60 * MINUTE };

export const accountKey = (email: string) => `account:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** How long after the n-th consecutive failure the next attempt is refused. */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockAfter) return Math.min(policy.lockBaseMs * 2 ** (failures - policy.lockAfter), policy.lockMaxMs);
  if (failures > policy.freeFailures) return Math.min(policy.delayBaseMs * 2 ** (failures - policy.freeFailures - 1), policy.delayMaxMs);
  return 0;
}

export interface Blocked {
  key: string;
  until: Date;
  locked: boolean;
}

/** The first of the keys that may not attempt a sign-in now, if any. */
export async function blockedKey(db: PrismaClient, keys: string[], policies: Record<string, ThrottlePolicy>, now = new Date()): Promise<Blocked | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const row = rows[0];
  if (!row) return null;
  return { key: row.key, until: row.lockedUntil!, locked: row.failures >= policies[row.key]!.lockAfter };
}

export interface FailureOutcome {
  failures: number;
  /** Set when this failure crossed the lock threshold. */
  lockedUntil: Date | null;
}

/** Counts one failure for the key atomically (concurrent instances cannot lose an increment). */
export async function recordFailure(db: PrismaClient, key: string, policy: ThrottlePolicy, now = new Date()): Promise<FailureOutcome> {
  const resetBefore = new Date(now.getTime() - policy.resetAfterMs);
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" < ${resetBefore} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = ${now}
    RETURNING "failures"`;
  const failures = Number(row!.failures);
  const wait = waitAfter(failures, policy);
  const until = wait > 0 ? new Date(now.getTime() + wait) : null;
  await db.signInThrottle.update({ where: { key }, data: { lockedUntil: until } });
  return { failures, lockedUntil: failures === policy.lockAfter ? until : null };
}

export async function clearFailures(db: PrismaClient, key: string) {
  await db.signInThrottle.deleteMany({ where: { key } });
}

/** Drops counters that have been quiet longer than any policy's reset window. */
export async function pruneThrottle(db: PrismaClient, now = new Date()) {
  const oldest = Math.max(ACCOUNT_POLICY.resetAfterMs, IP_POLICY.resetAfterMs);
  await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - oldest) } } });
}
