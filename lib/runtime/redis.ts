// The one place Redis clients are made (rate limits, the Socket.IO adapter, the detection window
// store), so that every one is closed at shutdown. Without a URL there is no Redis: everything
// stays in-process.
import { once } from "node:events";
import { Redis, type RedisOptions } from "ioredis";
import type pino from "pino";

export interface RedisFactory {
  readonly url: string | undefined;
  /** A new connection for one purpose (null without Redis). Closed by `close()`. */
  client(purpose: string, options?: RedisOptions): Redis | null;
  /** The shared command connection (rate limits): made on first use. */
  shared(): Redis | null;
  /** The connections made here and not yet closed. */
  open(): readonly Redis[];
  /** Quits every connection made here (disconnects one that cannot quit). */
  close(): Promise<void>;
}

export function createRedisFactory(url: string | undefined, logger: () => pino.Logger): RedisFactory {
  const clients = new Set<Redis>();
  let shared: Redis | null | undefined;
  let closed = false;
  const client = (purpose: string, options: RedisOptions = {}) => {
    if (!url) return null;
    if (closed) throw new Error(`Redis is closed: cannot open a connection for ${purpose}`);
    const made = new Redis(url, { connectionName: `securenet:${purpose}`, ...options });
    made.on("error", (error) => logger().warn({ err: error, purpose }, "redis error"));
    clients.add(made);
    return made;
  };
  return {
    url,
    client,
    shared() {
      // Commands fail fast while Redis is away, so rate limits fall back to memory at once.
      shared ??= client("shared", { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      return shared;
    },
    open: () => [...clients],
    async close() {
      closed = true;
      const all = [...clients];
      clients.clear();
      await Promise.all(all.map(quit));
    },
  };
}

const QUIT_WAIT_MS = 2_000;

/**
 * QUIT, then wait for the socket to close (the reply comes first), so nothing is left at exit; a
 * connection that cannot quit (Redis away) is dropped, and shutdown never waits long on Redis.
 */
async function quit(client: Redis) {
  if (client.status === "end") return;
  const ended = once(client, "end");
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      client.disconnect();
      resolve();
    }, QUIT_WAIT_MS);
  });
  try {
    await Promise.race([client.quit().catch(() => client.disconnect()), gaveUp]);
    await Promise.race([ended, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
