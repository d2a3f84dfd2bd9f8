// Starts the scoring pool's worker threads (server.ts; tests). Each runs scoring-worker.ts through
// scripts/ts-worker.mjs; a worker that dies fails its pending batches (scored inline instead) and
// is replaced. A watchdog stops a worker that has been silent on a batch for `watchdogMs` (stuck in
// one event: a synchronous loop cannot be interrupted from within): that batch fails with a
// WatchdogError (stored unscored and marked, not scored again inline), the batches queued behind it
// go to the replacement.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/http/errors.ts";
import { countDetectorErrors } from "@/lib/metrics/detector-errors.ts";
import { BATCH_SCORING_BUDGET_MS } from "@/lib/detection/scoring-budget.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { WATCHDOG_MS, WatchdogError, type ScoredBatch, type ScoringPool } from "./scoring-pool.ts";
import type { ScoringReply, ScoringRequest } from "./scoring-worker-job.ts";

interface Pending {
  request: ScoringRequest;
  resolve(answer: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** In the order sent, which is the order the worker takes them: the first is the one it is on. */
  pending: Map<number, Pending>;
  startedAt: number;
  /** When the worker last answered, or was given work while idle: the watchdog's reference. */
  progressAt: number;
  /** Started and its rules loaded (a worker starting up is not stuck). */
  ready: boolean;
  youngDeaths: number;
  dead: boolean;
}

const YOUNG_MS = 10_000;

/** One worker per spare core (at least one), unless `size` says otherwise; 0 means no pool. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export interface ScoringPoolOptions {
  size: number;
  rulesDir: string;
  reputationDir: string;
  onError?(error: Error): void;
  entry?: string;
  /** Each batch's scoring budget in the worker (scoring-budget.ts). */
  budgetMs?: number;
  /** How long a worker may be silent on a batch before it is stopped and replaced. */
  watchdogMs?: number;
}

export function startScoringPool(options: ScoringPoolOptions): ScoringPool {
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  const workerData = {
    entry: options.entry ?? fileURLToPath(new URL("./scoring-worker.ts", import.meta.url)),
    rulesDir: path.resolve(options.rulesDir),
    reputationDir: path.resolve(options.reputationDir),
    budgetMs: options.budgetMs ?? BATCH_SCORING_BUDGET_MS,
  };
  const script = fileURLToPath(new URL("../../scripts/ts-worker.mjs", import.meta.url));
  let nextId = 1;
  let turn = 0;
  let closed = false;
  const slots: Slot[] = [];
  const spawn = (index: number, youngDeaths = 0) => {
    const now = Date.now();
    const slot: Slot = {
      worker: new Worker(script, { workerData }),
      pending: new Map(),
      startedAt: now,
      progressAt: now,
      ready: false,
      youngDeaths,
      dead: false,
    };
    slot.worker.unref();
    slot.worker.on("message", (reply: ScoringReply) => {
      slot.progressAt = Date.now();
      if ("ready" in reply && Object.hasOwn(reply, "ready")) {
        slot.ready = true;
        return;
      }
      const waiter = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      // Own properties only (`in` alone would also read Object.prototype).
      if ("error" in reply && Object.hasOwn(reply, "error")) waiter?.reject(new Error(reply.error));
      else if ("refused" in reply && Object.hasOwn(reply, "refused"))
        waiter?.reject(new AppError(reply.refused.code, reply.refused.message, reply.refused.errors));
      else waiter?.resolve((reply as { batch: unknown }).batch);
      // Detector errors: the worker's come back with its answer, counted in this process's registry.
      if ("detectorErrors" in reply && Object.hasOwn(reply, "detectorErrors"))
        countDetectorErrors(reply.detectorErrors);
    });
    let failed = false;
    const fail = (error: Error, requeue: Pending[] = []) => {
      if (failed) return;
      failed = true;
      const pending = [...slot.pending.values()];
      slot.pending.clear();
      for (const waiter of pending) if (!requeue.includes(waiter)) waiter.reject(error);
      if (closed) {
        for (const waiter of requeue) waiter.reject(error);
        return;
      }
      options.onError?.(error);
      // A worker that dies young three times running (a broken install, say) is not replaced:
      // its share of batches is then scored inline.
      const young = Date.now() - slot.startedAt < YOUNG_MS;
      slot.youngDeaths = young && !(error instanceof WatchdogError) ? slot.youngDeaths + 1 : 0;
      if (slot.youngDeaths < 3) spawn(index, slot.youngDeaths);
      else slots[index] = { ...slot, dead: true };
      for (const waiter of requeue) dispatch(waiter);
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`scoring worker exited with code ${code}`)));
    const watchdog = setInterval(
      () => {
        if (failed) return clearInterval(watchdog);
        if (!slot.ready || slot.pending.size === 0 || Date.now() - slot.progressAt <= watchdogMs) return;
        clearInterval(watchdog);
        // The first pending batch is the one it is stuck on; those queued behind it were never started.
        const queued = [...slot.pending.values()].slice(1);
        fail(new WatchdogError(watchdogMs), queued);
        void slot.worker.terminate();
      },
      Math.max(25, Math.min(1_000, watchdogMs / 4)),
    );
    watchdog.unref();
    slots[index] = slot;
  };
  for (let i = 0; i < options.size; i++) spawn(i);
  const sources = (custom: readonly SigmaRule[]) => custom.map((r) => ({ source: r.source, text: r.text }));
  const dispatch = (waiter: Pending) => {
    // The least busy worker, ties taken in turn.
    turn = (turn + 1) % slots.length;
    const live = slots.map((_, i) => slots[(turn + i) % slots.length]!).filter((s) => !s.dead);
    if (live.length === 0) return waiter.reject(new Error("no scoring worker is running"));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (slot.pending.size === 0) slot.progressAt = Date.now();
    slot.pending.set(waiter.request.id, waiter);
    slot.worker.postMessage(waiter.request);
  };
  const send = (request: ScoringRequest): Promise<ScoredBatch> =>
    new Promise((resolve, reject) => dispatch({ request, resolve: resolve as (answer: unknown) => void, reject }));
  return {
    size: options.size,
    available: () => slots.some((s) => !s.dead),
    score({ text, contentType, now, paranoia, custom }) {
      return send({ id: nextId++, text, contentType, now: now.getTime(), paranoia, custom: sources(custom) });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
