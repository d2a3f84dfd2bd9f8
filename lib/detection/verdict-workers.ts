// Starts the verdict pool's worker threads (server.ts; tests). Each runs verdict-worker.ts through
// scripts/ts-worker.mjs; a worker that dies fails its pending batches (scored inline instead) and
// is replaced.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/http/errors.ts";
import type { SigmaRule } from "./sigma-engine/index.ts";
import type { VerdictPool } from "./verdict-pool.ts";
import type { VerdictReply, VerdictRequest } from "./verdict-worker.ts";

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(answer: unknown): void; reject(error: Error): void }>;
  startedAt: number;
  youngDeaths: number;
  dead: boolean;
}

const YOUNG_MS = 10_000;

/** One worker per spare core (at least one), unless `size` says otherwise; 0 means no pool. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function startVerdictPool(options: { size: number; rulesDir: string; reputationDir: string; onError?(error: Error): void; entry?: string }): VerdictPool {
  const workerData = { entry: options.entry ?? fileURLToPath(new URL("./verdict-worker.ts", import.meta.url)), rulesDir: path.resolve(options.rulesDir), reputationDir: path.resolve(options.reputationDir) };
  const script = fileURLToPath(new URL("../../scripts/ts-worker.mjs", import.meta.url));
  let nextId = 1;
  let turn = 0;
  let closed = false;
  const slots: Slot[] = [];
  const spawn = (index: number, youngDeaths = 0) => {
    const slot: Slot = { worker: new Worker(script, { workerData }), pending: new Map(), startedAt: Date.now(), youngDeaths, dead: false };
    slot.worker.unref();
    slot.worker.on("message", (reply: VerdictReply) => {
      const waiter = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      // Own properties only (`in` alone would also read Object.prototype).
      if ("error" in reply && Object.hasOwn(reply, "error")) waiter?.reject(new Error(reply.error));
      else if ("refused" in reply && Object.hasOwn(reply, "refused")) waiter?.reject(new AppError(reply.refused.code, reply.refused.message, reply.refused.errors));
      else waiter?.resolve("fired" in reply && Object.hasOwn(reply, "fired") ? reply.fired : (reply as { batch: unknown }).batch);
    });
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const waiter of slot.pending.values()) waiter.reject(error);
      slot.pending.clear();
      if (closed) return;
      options.onError?.(error);
      // A worker that dies young three times running (a broken install, say) is not replaced:
      // its share of batches is then scored inline.
      const young = Date.now() - slot.startedAt < YOUNG_MS;
      slot.youngDeaths = young ? slot.youngDeaths + 1 : 0;
      if (slot.youngDeaths < 3) spawn(index, slot.youngDeaths);
      else slots[index] = { ...slot, dead: true };
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`verdict worker exited with code ${code}`)));
    slots[index] = slot;
  };
  for (let i = 0; i < options.size; i++) spawn(i);
  const sources = (custom: readonly SigmaRule[]) => custom.map((r) => ({ source: r.source, text: r.text }));
  const send = <T>(request: VerdictRequest): Promise<T> => {
    // The least busy worker, ties taken in turn.
    turn = (turn + 1) % slots.length;
    const live = slots.map((_, i) => slots[(turn + i) % slots.length]!).filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(new Error("no verdict worker is running"));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(request.id, { resolve: resolve as (answer: unknown) => void, reject });
      slot.worker.postMessage(request);
    });
  };
  return {
    size: options.size,
    available: () => slots.some((s) => !s.dead),
    fired(events, paranoia, custom) {
      return send({ id: nextId++, docs: JSON.stringify(events.map((e) => e.doc)), paranoia, custom: sources(custom) });
    },
    prepare(text, contentType, now, paranoia, custom) {
      return send({ id: nextId++, body: { text, contentType, now: now.getTime() }, paranoia, custom: sources(custom) });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

