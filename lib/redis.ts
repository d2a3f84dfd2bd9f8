// The Redis command connection for shared rate limits (null without REDIS_URL: everything stays
// in-process). It is the runtime's (lib/runtime/redis.ts makes every client); one-shot scripts and
// unit tests without a runtime get one from the same factory, closed by closeRedis().
import "server-only";
import type { Redis } from "ioredis";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { installedRuntime } from "@/lib/runtime/process-runtime.ts";
import { createRedisFactory, type RedisFactory } from "@/lib/runtime/redis.ts";

let detached: RedisFactory | undefined;

export function redis(): Redis | null {
  const runtime = installedRuntime();
  if (runtime) return runtime.redis.shared();
  detached ??= createRedisFactory(env().REDIS_URL, logger);
  return detached.shared();
}

/** Closes the connection made without a runtime (a runtime closes its own). */
export async function closeRedis() {
  const factory = detached;
  detached = undefined;
  await factory?.close();
}
