// Threshold-rule windows shared by every instance through Redis: one sorted set per counter
// (member = a hit, or the distinct value counted; score = when), trimmed to the window and
// counted in one atomic script, so two instances counting the same attacker see one total.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { RECENT_EVENTS_KEPT, type RecentEvent, type WindowStore } from "@/lib/detection/window-store.ts";

// KEYS[2] keeps the counter's newest event ids (member = event id, score = when) for `recent`.
// KEYS[3] (event id -> when) and KEYS[4] (event id -> count answered) make an add idempotent by
// event id (window-store.ts): an event added again gets its first answer and counts once. Both
// are trimmed to the window, a hundred expired ids at most per add (each add adds one).
const ADD = `
if ARGV[5] ~= '' then
  local again = redis.call('HGET', KEYS[4], ARGV[5])
  if again then return tonumber(again) end
end
redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[1], ARGV[5])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -1 - tonumber(ARGV[6]))
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
local count = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')
if ARGV[5] ~= '' then
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[2], 'LIMIT', 0, 100)
  if #expired > 0 then
    redis.call('HDEL', KEYS[4], unpack(expired))
    redis.call('ZREM', KEYS[3], unpack(expired))
  end
  redis.call('ZADD', KEYS[3], ARGV[1], ARGV[5])
  redis.call('HSET', KEYS[4], ARGV[5], count)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
end
return count`;

export class RedisWindowStore implements WindowStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix = "securenet:window:",
  ) {
    client.defineCommand("securenetWindowAdd", { numberOfKeys: 4, lua: ADD });
  }

  async add(key: string, at: number, windowMs: number, member?: string, eventId?: string): Promise<number> {
    const command = (this.client as unknown as { securenetWindowAdd(...args: (string | number)[]): Promise<number> })
      .securenetWindowAdd;
    const hit = member === undefined ? `${at}:${randomUUID()}` : `m:${member}`;
    const count = await command.call(
      this.client,
      `${this.prefix}${key}`,
      this.eventsKey(key),
      `${this.prefix}${key}#added`,
      `${this.prefix}${key}#answered`,
      at,
      at - windowMs,
      hit,
      windowMs * 2,
      eventId ?? "",
      RECENT_EVENTS_KEPT,
    );
    return Number(count);
  }

  async recent(key: string, since: number, limit: number): Promise<RecentEvent[]> {
    const flat = await this.client.zrevrangebyscore(
      this.eventsKey(key),
      "+inf",
      `(${since}`,
      "WITHSCORES",
      "LIMIT",
      0,
      Math.min(limit, RECENT_EVENTS_KEPT),
    );
    const found: RecentEvent[] = [];
    for (let i = flat.length - 2; i >= 0; i -= 2) found.push({ eventId: flat[i]!, at: Number(flat[i + 1]) });
    return found;
  }

  private eventsKey(key: string) {
    return `${this.prefix}${key}#events`;
  }
}
