// The runtime owns what it opened: close() quits every Redis connection its factory made (checked
// from Redis's own client list, with REDIS_URL) and closes the database only when it owns it.
import { once } from "node:events";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing.ts";
import { MemoryWindowStore } from "@/lib/detection/window-store.ts";
import { RedisWindowStore } from "@/lib/pipeline/redis-window-store.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { createRuntime } from "./runtime.ts";

const redisUrl = process.env.REDIS_URL;

/** Ids of the connections Redis currently has open. */
async function openConnectionIds(observer: Redis): Promise<Set<string>> {
  const list = (await observer.call("CLIENT", "LIST")) as string;
  return new Set([...list.matchAll(/(?:^|\n)id=(\d+)/g)].map((m) => m[1]!));
}

describe("the runtime without Redis", () => {
  it("keeps windows in memory, makes no Redis client, and closes the database it owns", async () => {
    const db = await createTestDatabase("pglite", { migrate: false });
    const runtime = createRuntime({ config: useTestEnv(), db });
    expect(runtime.windows).toBeInstanceOf(MemoryWindowStore);
    expect(runtime.redis.shared()).toBeNull();
    expect(runtime.redis.client("anything")).toBeNull();
    await runtime.close();
    await expect(db.prisma.$queryRawUnsafe("select 1")).rejects.toThrow();
  });

  it("leaves a database it does not own open", async () => {
    const db = await createTestDatabase("pglite", { migrate: false });
    const runtime = createRuntime({ config: useTestEnv(), db, ownsDatabase: false });
    await runtime.close();
    expect(await db.prisma.$queryRawUnsafe<{ one: number }[]>("select 1 as one")).toEqual([{ one: 1 }]);
    await db.close();
  });
});

describe.runIf(redisUrl)("the runtime with Redis", () => {
  it("quits every Redis connection it made when closed, and makes none after", async () => {
    const db = await createTestDatabase("pglite", { migrate: false });
    const runtime = createRuntime({ config: useTestEnv({ REDIS_URL: redisUrl! }), db });
    expect(runtime.windows).toBeInstanceOf(RedisWindowStore);
    await runtime.windows.add("runtime-test", Date.now(), 1_000);
    const shared = runtime.redis.shared()!;
    runtime.redis.client("socket.io adapter");
    expect(runtime.redis.shared(), "one shared connection").toBe(shared);
    const clients = runtime.redis.open();
    expect(clients, "windows, shared, adapter").toHaveLength(3);
    await Promise.all(clients.map((c) => (c.status === "ready" ? undefined : once(c, "ready"))));
    const ids = await Promise.all(clients.map((c) => c.call("CLIENT", "ID") as Promise<number>));
    const observer = new Redis(redisUrl!);
    try {
      const before = await openConnectionIds(observer);
      for (const id of ids) expect(before.has(String(id))).toBe(true);
      await runtime.close();
      expect(runtime.redis.open()).toHaveLength(0);
      const after = await openConnectionIds(observer);
      for (const id of ids) expect(after.has(String(id)), `connection ${id} still open`).toBe(false);
      for (const client of clients) expect(client.status).toBe("end");
      expect(() => runtime.redis.client("late")).toThrow(/closed/);
    } finally {
      observer.disconnect();
    }
  });

  it("closes at once while its connections are still being made (a short CLI command)", async () => {
    const db = await createTestDatabase("pglite", { migrate: false });
    const runtime = createRuntime({ config: useTestEnv({ REDIS_URL: redisUrl! }), db });
    runtime.redis.shared();
    runtime.redis.client("socket.io adapter");
    const clients = runtime.redis.open();
    await runtime.close();
    for (const client of clients) expect(client.status).toBe("end");
  });
});
