// With REDIS_URL, rate limits count in the runtime's Redis: two instances (two runtimes, each with
// its own connection) spend one budget, so a client cannot double its limit by switching instance.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing.ts";
import { installRuntime } from "@/lib/runtime/process-runtime.ts";
import { createRuntime } from "@/lib/runtime/runtime.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { AppError } from "./errors.ts";
import { consumeOrThrow, limiterFor } from "./rate-limit.ts";

const redisUrl = process.env.REDIS_URL;

// Until a connection is ready, commands fail fast and each limiter's in-memory stand-in counts.
const ready = (client: Redis) => (client.status === "ready" ? undefined : once(client, "ready"));

describe.runIf(redisUrl)("rate limits with Redis", () => {
  it("share one budget across instances, through each runtime's Redis connection", async () => {
    const config = useTestEnv({ REDIS_URL: redisUrl! });
    const db = await createTestDatabase("pglite", { migrate: false });
    const first = createRuntime({ config, db, ownsDatabase: false });
    const second = createRuntime({ config, db, ownsDatabase: false });
    const name = `test-${randomUUID()}`;
    const spend = () => consumeOrThrow(limiterFor(name, 2, 60), "caller", (s) => `retry in ${s} s`);
    try {
      expect(second.redis.shared()).not.toBe(first.redis.shared());
      await Promise.all([ready(first.redis.shared()!), ready(second.redis.shared()!)]);
      installRuntime(first);
      await spend();
      await spend();
      installRuntime(second);
      const refused = await spend().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe("rate_limited");
    } finally {
      installRuntime(undefined);
      await first.close();
      await second.close();
      await db.close();
    }
  });
});
