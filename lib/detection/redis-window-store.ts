// Threshold-rule windows shared by every instance through Redis: one sorted set per counter
// (member = a hit, or the distinct value counted; score = when), trimmed to the window and
// counted in one atomic script, so two instances counting the same attacker see one total.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { WindowStore } from "./window-store.ts";

const ADD = `
redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')`;

export class RedisWindowStore implements WindowStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix = "securenet:window:",
  ) {
    client.defineCommand("securenetWindowAdd", { numberOfKeys: 1, lua: ADD });
  }

  async add(key: string, at: number, windowMs: number, member?: string): Promise<number> {
    const command = (this.client as unknown as { securenetWindowAdd(key: string, ...args: (string | number)[]): Promise<number> }).securenetWindowAdd;
    const count = await command.call(this.client, `${this.prefix}${key}`, at, at - windowMs, member === undefined ? `${at}:${randomUUID()}` : `m:${member}`, windowMs * 2);
    return Number(count);
  }
}
