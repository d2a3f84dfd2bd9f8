// One Redis connection per process when REDIS_URL is set (shared rate limits, and the Socket.IO
// adapter for several instances). Without it everything stays in-process.
import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";

const store = globalThis as typeof globalThis & { __securenetRedis?: Redis | null };

export function redis(): Redis | null {
  if (store.__securenetRedis !== undefined) return store.__securenetRedis;
  const url = env().REDIS_URL;
  if (!url) return (store.__securenetRedis = null);
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  client.on("error", (error) => logger().warn({ err: error }, "redis error"));
  return (store.__securenetRedis = client);
}

export async function closeRedis() {
  const client = store.__securenetRedis;
  store.__securenetRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
