// Starts the verdict pool's worker threads (server.ts; tests). Each runs verdict-worker.ts through
// scripts/ts-worker.mjs; a worker that dies fails its pending batches (scored inline instead) and
// is replaced.
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Detection } from "./types.ts";
import type { VerdictPool } from "./verdict-pool.ts";
import type { VerdictReply, VerdictRequest } from "./verdict-worker.ts";

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(fired: Detection[][]): void; reject(error: Error): void }>;
}

/** One worker per spare core (at least one), unless `size` says otherwise; 0 means no pool. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function startVerdictPool(options: { size: number; rulesDir: string; reputationDir: string; onError?(error: Error): void }): VerdictPool {
  const workerData = { entry: path.resolve("lib/detection/verdict-worker.ts"), rulesDir: path.resolve(options.rulesDir), reputationDir: path.resolve(options.reputationDir) };
  let nextId = 1;
  let turn = 0;
  let closed = false;
  const slots: Slot[] = [];
  const spawn = (index: number) => {
    const slot: Slot = { worker: new Worker(path.resolve("scripts/ts-worker.mjs"), { workerData }), pending: new Map() };
    slot.worker.unref();
    slot.worker.on("message", (reply: VerdictReply) => {
      const waiter = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if ("error" in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.fired);
    });
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const waiter of slot.pending.values()) waiter.reject(error);
      slot.pending.clear();
      if (closed) return;
      options.onError?.(error);
      spawn(index);
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`verdict worker exited with code ${code}`)));
    slots[index] = slot;
  };
  for (let i = 0; i < options.size; i++) spawn(i);
  return {
    size: options.size,
    fired(events, paranoia, custom) {
      // The least busy worker, ties taken in turn.
      turn = (turn + 1) % slots.length;
      const slot = slots.map((_, i) => slots[(turn + i) % slots.length]!).reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const request: VerdictRequest = { id: nextId++, docs: JSON.stringify(events.map((e) => e.doc)), paranoia, custom: custom.map((r) => ({ source: r.source, text: r.text })) };
      return new Promise((resolve, reject) => {
        slot.pending.set(request.id, { resolve, reject });
        slot.worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

