import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, IP_POLICY, waitAfter } from "./throttle.ts";

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
