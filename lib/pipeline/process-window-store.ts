// The process's window store for threshold rules: shared through Redis when REDIS_URL is set
// (several instances), else in this process. The one accessor, so the process runtime object can
// take its place in one spot.
import { Redis } from "ioredis";
import { MemoryWindowStore, type WindowStore } from "@/lib/detection/window-store.ts";
import { env } from "@/lib/env.ts";
import { RedisWindowStore } from "./redis-window-store.ts";

// On globalThis: the server's module graph and Next's bundled route handlers share one store.
const store = globalThis as typeof globalThis & { __securenetWindowStore?: WindowStore };

export function processWindowStore(): WindowStore {
  if (!store.__securenetWindowStore) {
    const url = env().REDIS_URL;
    store.__securenetWindowStore = url
      ? new RedisWindowStore(new Redis(url, { maxRetriesPerRequest: 2 }))
      : new MemoryWindowStore();
  }
  return store.__securenetWindowStore;
}

/** Tests: a fresh store (or back to the default on next use with undefined). */
export function setProcessWindowStore(windows: WindowStore | undefined) {
  store.__securenetWindowStore = windows;
}
