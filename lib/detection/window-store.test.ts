import { describe, expect, it } from "vitest";
import { MemoryWindowStore, RECENT_EVENTS_KEPT } from "./window-store.ts";

const MINUTE = 60_000;

describe("MemoryWindowStore", () => {
  it("counts hits later than the window's start, also when they arrive out of order", async () => {
    const store = new MemoryWindowStore();
    expect(await store.add("k", 10_000, MINUTE)).toBe(1);
    expect(await store.add("k", 5_000, MINUTE)).toBe(2);
    expect(await store.add("k", 60_000, MINUTE)).toBe(3);
    // 5 s and 10 s are now a full minute old; 60 s stays.
    expect(await store.add("k", 70_000, MINUTE)).toBe(2);
    expect(await store.add("other", 70_000, MINUTE)).toBe(1);
  });

  it("counts distinct members by their latest hit", async () => {
    const store = new MemoryWindowStore();
    expect(await store.add("k", 0, MINUTE, "a")).toBe(1);
    expect(await store.add("k", 1_000, MINUTE, "b")).toBe(2);
    expect(await store.add("k", 50_000, MINUTE, "a")).toBe(2);
    // b's only hit has left the window; a's latest (50 s) has not.
    expect(await store.add("k", 65_000, MINUTE, "c")).toBe(2);
    expect(await store.add("k", 200_000, MINUTE, "c")).toBe(1);
  });

  it("agrees with the Redis store's algorithm on a long out-of-order stream", async () => {
    const store = new MemoryWindowStore();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // The Lua script of redis-window-store.ts: ZADD GT, ZREMRANGEBYSCORE up to the start, ZCOUNT after it.
    const zset = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const at = i * 100 + Math.floor(random() * 2000);
      const member = `m${Math.floor(random() * 40)}`;
      if (!(zset.get(member)! >= at)) zset.set(member, at);
      const since = at - 10_000;
      for (const [m, t] of zset) if (t <= since) zset.delete(m);
      expect(await store.add("k", at, 10_000, member)).toBe(zset.size);
    }
  });

  it("remembers the event ids in the window, newest kept, oldest first", async () => {
    const store = new MemoryWindowStore();
    await store.add("k", 1_000, MINUTE, undefined, "a");
    await store.add("k", 3_000, MINUTE, undefined, "c");
    await store.add("k", 2_000, MINUTE, undefined, "b");
    await store.add("k", 2_500, MINUTE);
    expect(await store.recent("k", 0, 10)).toEqual([
      { eventId: "a", at: 1_000 },
      { eventId: "b", at: 2_000 },
      { eventId: "c", at: 3_000 },
    ]);
    expect((await store.recent("k", 1_000, 10)).map((e) => e.eventId)).toEqual(["b", "c"]);
    expect((await store.recent("k", 0, 2)).map((e) => e.eventId)).toEqual(["b", "c"]);
    expect(await store.recent("other", 0, 10)).toEqual([]);
    for (let i = 0; i < 150; i++) await store.add("many", 10_000 + i, MINUTE, `u${i % 3}`, `e${i}`);
    expect((await store.recent("many", 0, 500)).map((e) => e.eventId)).toEqual(
      Array.from({ length: RECENT_EVENTS_KEPT }, (_, i) => `e${i + 50}`),
    );
  });

  it("counts an event added again once, answering what it answered the first time, until it leaves the window", async () => {
    const store = new MemoryWindowStore();
    expect(await store.add("k", 1_000, MINUTE, undefined, "a")).toBe(1);
    expect(await store.add("k", 2_000, MINUTE, undefined, "b")).toBe(2);
    expect(await store.add("k", 3_000, MINUTE, undefined, "c")).toBe(3);
    // A redone batch: its events come again, after the later ones.
    expect(await store.add("k", 1_000, MINUTE, undefined, "a")).toBe(1);
    expect(await store.add("k", 2_000, MINUTE, undefined, "b")).toBe(2);
    expect(await store.add("d", 0, MINUTE, "alice", "x")).toBe(1);
    expect(await store.add("d", 10, MINUTE, "bob", "y")).toBe(2);
    expect(await store.add("d", 0, MINUTE, "alice", "x")).toBe(1);
    expect(await store.add("k", 4_000, MINUTE, undefined, "d")).toBe(4);
    // Once "a" has left the window it is a new hit again.
    expect(await store.add("k", 61_500, MINUTE, undefined, "e")).toBe(4);
    expect(await store.add("k", 61_600, MINUTE, undefined, "a")).toBe(5);
  });

  it("stays fast with a hundred thousand hits in one window", async () => {
    const store = new MemoryWindowStore();
    for (let i = 0; i < 100_000; i++) await store.add("root", i, 10 * MINUTE, `ip${i % 5000}`);
    expect(await store.add("root", 100_000, 10 * MINUTE, "ip-new")).toBe(5001);
  });
});
