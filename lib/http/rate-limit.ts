// Request and attempt limits with rate-limiter-flexible: in Redis when REDIS_URL is set, so every
// instance counts together, else in memory. If Redis is unreachable an in-memory limiter stands in
// rather than letting everything through or failing requests. `consume` is atomic in both.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import { redis } from "@/lib/redis.ts";
import { AppError } from "./errors.ts";

const limiters = new Map<string, { client: Redis | null; limiter: RateLimiterAbstract }>();

/** One limiter per name and budget: `points` per `durationS` seconds (made again for a new runtime's Redis). */
export function limiterFor(name: string, points: number, durationS: number): RateLimiterAbstract {
  const keyPrefix = `sn-rl-${name}-${points}-${durationS}`;
  const client = redis();
  const made = limiters.get(keyPrefix);
  if (made && made.client === client) return made.limiter;
  const options = { points, duration: durationS, keyPrefix };
  const limiter = client
    ? new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options);
  limiters.set(keyPrefix, { client, limiter });
  return limiter;
}

/** Spends one point for the key; throws a 429 with Retry-After (and `message(seconds)`) when none is left. */
export async function consumeOrThrow(limiter: RateLimiterAbstract, key: string, message: (seconds: number) => string) {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("rate_limited", message(seconds), undefined, { "retry-after": String(seconds) });
  }
}

/** Counts one request for the key; throws a 429 with Retry-After when over its limit. */
export async function consumeApiKeyRequest(keyId: string, perMinute: number) {
  await consumeOrThrow(
    limiterFor("apikey", perMinute, 60),
    keyId,
    (seconds) => `This API key is limited to ${perMinute} requests a minute. Retry in ${seconds} s.`,
  );
}
