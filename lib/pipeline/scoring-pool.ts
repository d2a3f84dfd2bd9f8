// Scoring big batches on other cores. The payload detectors, Sigma rules and reputation lists are
// most of ingest's CPU time; in worker threads they run beside the request thread, which meanwhile
// validates, stores and alerts on other batches. The server starts the pool (server.ts); where
// there is none (tests, CLI) or a worker fails, the same code runs inline, so nothing goes
// unscored. Small batches stay inline: a worker's queue would only add latency to them. The
// workers are started by verdict-workers.ts, kept apart so Next's bundler never follows `new Worker`.
// Each batch is scored within a time budget, and a worker stuck on one is stopped by a watchdog
// (scoring-budget.ts): that batch is then stored unscored and marked, never scored again inline.
import type { PreparedEvents } from "@/lib/pipeline/store-events.ts";
import type { EventFields, NormalizedEvent } from "@/lib/detection/event.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import type { BudgetedScores } from "@/lib/detection/scoring-budget.ts";
import type { Detection } from "@/lib/detection/types.ts";
import type { ParanoiaLevel } from "@/lib/detection/verdict.ts";

/** Below this many events a batch is scored inline. */
export const POOL_MIN_BATCH = 100;

export interface VerdictPool {
  readonly size: number;
  /** False once every worker has been given up on. */
  available(): boolean;
  /** What fired on each event (before overrides and suppressions), in order, and which ran out of time. Rejects with a WatchdogError when the worker got stuck on the batch. */
  fired(events: NormalizedEvent[], paranoia: ParanoiaLevel, custom: readonly SigmaRule[]): Promise<BudgetedScores>;
  /**
   * A whole ingest body read, validated and scored in a worker: the request thread gets the rows to
   * insert, the events without their documents, and what fired on each. Rejects with the AppError
   * a body that cannot be read deserves (400, 413), or with a plain Error when the worker failed.
   */
  prepare(
    text: string,
    contentType: string,
    now: Date,
    paranoia: ParanoiaLevel,
    custom: readonly SigmaRule[],
  ): Promise<ScoredBatch>;
  close(): Promise<void>;
}

export interface ScoredBatch extends PreparedEvents<EventFields> {
  /** What fired on each valid event, in the same order. */
  fired: Detection[][];
  /** Indexes (into `valid`) of the events left unscored when the batch's time budget ran out. */
  unscored: number[];
}

const store = globalThis as typeof globalThis & { __securenetVerdictPool?: VerdictPool };

export function setProcessVerdictPool(pool: VerdictPool | undefined) {
  store.__securenetVerdictPool = pool;
}

export function processVerdictPool(): VerdictPool | undefined {
  return store.__securenetVerdictPool;
}
