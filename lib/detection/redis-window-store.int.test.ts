// The shared window store against a real Redis (REDIS_URL, as in CI): two stores (two instances)
// counting one attacker see one total; distinct members count once; old hits leave the window.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { RedisWindowStore } from "./redis-window-store.ts";

const url = process.env.REDIS_URL;

describe.skipIf(!url)("Redis window store", () => {
  const clients = url ? [new Redis(url), new Redis(url)] : [];
  afterAll(async () => {
    for (const c of clients) await c.quit();
  });

  it("shares counts between instances, counts distinct members once, and slides", async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = clients.map((c) => new RedisWindowStore(c!, prefix));
    const t = Date.now();
    expect(await a!.add("bf", t, 60_000)).toBe(1);
    expect(await b!.add("bf", t + 1, 60_000)).toBe(2);
    expect(await a!.add("bf", t + 2, 60_000)).toBe(3);
    expect(await b!.add("bf", t + 61_500, 60_000)).toBe(1);
    expect(await a!.add("spray", t, 60_000, "alice")).toBe(1);
    expect(await b!.add("spray", t + 1, 60_000, "alice")).toBe(1);
    expect(await a!.add("spray", t + 2, 60_000, "bob")).toBe(2);
  });
});
