// Per-API-key request limits (requests per minute) with rate-limiter-flexible: in Redis when
// REDIS_URL is set, so every instance counts together, else in memory. If Redis is unreachable
// an in-memory limiter stands in rather than letting everything through or failing requests.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redis } from "@/lib/redis.ts";
import { AppError } from "./errors.ts";

const limiters = new Map<number, RateLimiterAbstract>();

function limiterFor(perMinute: number): RateLimiterAbstract {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    const options = { points: perMinute, duration: 60, keyPrefix: `sn-rl-apikey-${perMinute}` };
    const client = redis();
    limiter = client ? new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

/** Counts one request for the key; throws a 429 with Retry-After when over its limit. */
export async function consumeApiKeyRequest(keyId: string, perMinute: number) {
  try {
    await limiterFor(perMinute).consume(keyId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("rate_limited", `This API key is limited to ${perMinute} requests a minute. Retry in ${seconds} s.`, undefined, { "retry-after": String(seconds) });
  }
}
