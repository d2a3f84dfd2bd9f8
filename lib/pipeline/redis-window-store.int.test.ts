// The shared window store against a real Redis (REDIS_URL, as in CI): two stores (two instances)
// counting one attacker see one total; distinct members count once; old hits leave the window.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { RedisWindowStore } from "./redis-window-store.ts";
import { MemoryWindowStore, RECENT_EVENTS_KEPT } from "@/lib/detection/window-store.ts";

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

  it("counts an event added again once, by any instance, answering what it answered the first time", async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = clients.map((c) => new RedisWindowStore(c!, prefix));
    const memory = new MemoryWindowStore();
    const t = Date.now();
    const adds: [number, string | undefined, string][] = [
      [t, undefined, "e1"],
      [t + 1, undefined, "e2"],
      [t + 2, undefined, "e3"],
      [t, undefined, "e1"],
      [t + 1, undefined, "e2"],
      [t + 3, undefined, "e4"],
      [t + 61_500, undefined, "e5"],
      [t + 61_600, undefined, "e1"],
    ];
    for (const [i, [at, member, eventId]] of adds.entries()) {
      const expected = await memory.add("bf", at, 60_000, member, eventId);
      expect(await (i % 2 ? a! : b!).add("bf", at, 60_000, member, eventId)).toBe(expected);
    }
    expect(await a!.add("spray", t, 60_000, "alice", "s1")).toBe(1);
    expect(await b!.add("spray", t + 1, 60_000, "bob", "s2")).toBe(2);
    expect(await b!.add("spray", t, 60_000, "alice", "s1")).toBe(1);
  });

  it("shares a counter's newest event ids between instances, oldest first, within the window", async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = clients.map((c) => new RedisWindowStore(c!, prefix));
    const t = Date.now();
    await a!.add("spray", t, 60_000, "alice", "e1");
    await b!.add("spray", t + 2, 60_000, "bob", "e3");
    await a!.add("spray", t + 1, 60_000, "alice", "e2");
    await b!.add("spray", t + 3, 60_000, "carol");
    expect(await b!.recent("spray", t - 60_000, 10)).toEqual([
      { eventId: "e1", at: t },
      { eventId: "e2", at: t + 1 },
      { eventId: "e3", at: t + 2 },
    ]);
    expect((await a!.recent("spray", t, 10)).map((e) => e.eventId)).toEqual(["e2", "e3"]);
    expect((await a!.recent("spray", t - 60_000, 2)).map((e) => e.eventId)).toEqual(["e2", "e3"]);
    await a!.add("spray", t + 60_001, 60_000, "dave", "e4");
    expect((await b!.recent("spray", t + 1, 10)).map((e) => e.eventId)).toEqual(["e3", "e4"]);
    for (let i = 0; i < 150; i++) await a!.add("many", t + i, 60_000, undefined, `e${i}`);
    expect((await b!.recent("many", t - 60_000, 500)).map((e) => e.eventId)).toEqual(
      Array.from({ length: RECENT_EVENTS_KEPT }, (_, i) => `e${i + 50}`),
    );
  });

  it("counts exactly as the in-memory store on an out-of-order stream, plain and distinct", async () => {
    const redis = new RedisWindowStore(clients[0]!, `test:${randomUUID()}:`);
    const memory = new MemoryWindowStore();
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const t = Date.now();
    for (let i = 0; i < 600; i++) {
      const at = t + i * 100 + Math.floor(random() * 3000);
      const member = random() < 0.5 ? `m${Math.floor(random() * 25)}` : undefined;
      const key = member === undefined ? "plain" : "distinct";
      expect(await memory.add(key, at, 10_000, member), `hit ${i}`).toBe(await redis.add(key, at, 10_000, member));
    }
  });
});
