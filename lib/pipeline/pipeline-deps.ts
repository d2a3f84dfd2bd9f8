// What the pipeline works with, passed in rather than reached for: the database, the scoring pool
// (none in tests and the CLI: scoring runs inline), the threshold rules' window store, where
// committed alert changes are announced, and the logger. Entry points build it from the process
// accessors (processPipelineDeps; the pool's is in scoring-pool.ts, the window store's here) until
// the process runtime object takes their place.
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { publishAlertChanges, type AlertChange } from "@/lib/alerts/changes.ts";
import { MemoryWindowStore, type WindowStore } from "@/lib/detection/window-store.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { RedisWindowStore } from "./redis-window-store.ts";
import { processScoringPool, type ScoringPool } from "./scoring-pool.ts";

export interface PipelineDeps {
  db: PrismaClient;
  scoringPool: ScoringPool | undefined;
  windows: WindowStore;
  /** Called after the detection transaction committed; must not throw (it is guarded anyway). */
  publishAlertChanges(changes: AlertChange[]): void;
  log: Logger;
}

export function processPipelineDeps(db: PrismaClient): PipelineDeps {
  return { db, scoringPool: processScoringPool(), windows: processWindowStore(), publishAlertChanges, log: logger() };
}

// On globalThis: the server's module graph and Next's bundled route handlers share one store.
const store = globalThis as typeof globalThis & { __securenetWindowStore?: WindowStore };

/** The threshold rules' windows: shared through Redis when REDIS_URL is set (several instances), else in this process. */
export function processWindowStore(): WindowStore {
  if (!store.__securenetWindowStore) {
    const url = env().REDIS_URL;
    store.__securenetWindowStore = url
      ? new RedisWindowStore(new Redis(url, { maxRetriesPerRequest: 2 }))
      : new MemoryWindowStore();
  }
  return store.__securenetWindowStore;
}

/** Tests: a fresh store (undefined: the default again, made on next use). */
export function setProcessWindowStore(windows: WindowStore | undefined) {
  store.__securenetWindowStore = windows;
}
