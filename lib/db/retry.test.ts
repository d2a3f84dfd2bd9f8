import { describe, expect, it } from "vitest";
import { isRetryableConflict, retryOnConflict } from "./retry.ts";

const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
const viaPrisma = Object.assign(new Error("Raw query failed"), {
  code: "P2010",
  meta: { driverAdapterError: { cause: { originalCode: "40001" } } },
});

describe("retryOnConflict", () => {
  it("knows deadlocks and serialization failures from pg and from Prisma", () => {
    expect(isRetryableConflict(deadlock)).toBe(true);
    expect(isRetryableConflict(viaPrisma)).toBe(true);
    expect(isRetryableConflict(Object.assign(new Error("unique"), { code: "23505" }))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });

  it("runs the work again after a conflict, and gives up on anything else", async () => {
    let calls = 0;
    expect(await retryOnConflict(async () => (++calls < 3 ? Promise.reject(deadlock) : "done"))).toBe("done");
    expect(calls).toBe(3);
    const other = new Error("boom");
    calls = 0;
    await expect(retryOnConflict(async () => (calls++, Promise.reject(other)))).rejects.toBe(other);
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryOnConflict(async () => (calls++, Promise.reject(deadlock)), 2)).rejects.toBe(deadlock);
    expect(calls).toBe(2);
  });
});
