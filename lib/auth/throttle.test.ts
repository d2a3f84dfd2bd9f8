import { describe, expect, it } from "vitest";
import { ACCOUNT_GLOBAL_POLICY, ACCOUNT_POLICY, IP_POLICY, decideAttempt, waitAfter } from "./throttle.ts";

describe("brute-force waits", () => {
  it("allow a few failures, then grow, then lock for doubling periods capped at 15 minutes", () => {
    const waits = Array.from({ length: 36 }, (_, i) => waitAfter(i + 1, ACCOUNT_POLICY) / 1000);
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 12)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(waits[28]).toBe(60);
    expect(waits.slice(29)).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it("are looser per address than per account, since many people can share one", () => {
    expect(IP_POLICY.lockAfter).toBeGreaterThan(ACCOUNT_POLICY.lockAfter);
    expect(waitAfter(20, IP_POLICY)).toBe(0);
    expect(waitAfter(100, IP_POLICY)).toBe(60_000);
  });
});

describe("one attempt against a counter", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("is refused while the counter waits, and counted otherwise", () => {
    expect(
      decideAttempt(
        { failures: 7, lastFailureAt: ago(500), lockedUntil: new Date(now.getTime() + 1) },
        ACCOUNT_POLICY,
        now,
      ),
    ).toEqual({ allowed: false, until: new Date(now.getTime() + 1) });
    expect(decideAttempt(null, ACCOUNT_POLICY, now)).toEqual({
      allowed: true,
      failures: 1,
      lockedUntil: null,
      locks: false,
    });
    expect(
      decideAttempt({ failures: 5, lastFailureAt: ago(2_000), lockedUntil: ago(1_000) }, ACCOUNT_POLICY, now),
    ).toEqual({ allowed: true, failures: 6, lockedUntil: new Date(now.getTime() + 1_000), locks: false });
  });

  it("says when it locks, and starts again after a quiet period", () => {
    expect(
      decideAttempt({ failures: 29, lastFailureAt: ago(61_000), lockedUntil: ago(1_000) }, ACCOUNT_POLICY, now),
    ).toMatchObject({ failures: 30, locks: true });
    expect(
      decideAttempt(
        { failures: 29, lastFailureAt: ago(ACCOUNT_POLICY.resetAfterMs + 1), lockedUntil: null },
        ACCOUNT_POLICY,
        now,
      ),
    ).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("from everywhere for one account, only slows: never a lock, never more than 30 s", () => {
    expect(waitAfter(100, ACCOUNT_GLOBAL_POLICY)).toBe(0);
    expect(Math.max(...Array.from({ length: 10_000 }, (_, i) => waitAfter(i + 1, ACCOUNT_GLOBAL_POLICY)))).toBe(30_000);
    expect(
      decideAttempt(
        { failures: 9_999, lastFailureAt: ago(40_000), lockedUntil: ago(10_000) },
        ACCOUNT_GLOBAL_POLICY,
        now,
      ),
    ).toMatchObject({ locks: false });
  });
});
