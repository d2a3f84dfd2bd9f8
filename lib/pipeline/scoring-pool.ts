// Scoring big batches on other cores. The payload detectors, Sigma rules and reputation lists are
// most of ingest's CPU time; in worker threads they run beside the request thread, which meanwhile
// stores and alerts on other batches. A worker does one job (scoring-worker-job.ts): a JSON body
// read, validated and scored, answered as the rows to insert and what fired on each event. The
// server starts the pool (start-scoring-pool.ts, kept apart so Next's bundler never follows
// `new Worker`); where there is none (tests, CLI) or a worker fails, the same steps run inline.
// Each batch is scored within a time budget, and a worker stuck on one is stopped by a watchdog
// (below): that batch is then stored unscored and marked, never scored again inline.
import type { EventFields } from "@/lib/detection/event.ts";
import { BATCH_SCORING_BUDGET_MS } from "@/lib/detection/scoring-budget.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import type { Detection } from "@/lib/detection/types.ts";
import type { ParanoiaLevel } from "@/lib/detection/verdict.ts";
import type { PreparedEvents } from "./validate-events.ts";

/**
 * Bodies shorter than this (JSON text, about thirty events) are scored inline: a worker's queue
 * would only add latency to them. Inline, reading, validating and scoring cost the request thread
 * about 0.5 ms per KB (2 cores, measured on the simulator's traffic), and everything else waits
 * meanwhile: at 48 KB a hundred-event batch from a shipper held the thread ~25 ms, and the live
 * feed's p50 on PGlite rose by half. At 16 KB the longest an inline batch holds it is ~8 ms.
 */
export const POOL_MIN_BYTES = 16 * 1024;

/** A worker silent this long on a batch is stuck inside one event: it is terminated and replaced. */
export const WATCHDOG_MS = 2 * BATCH_SCORING_BUDGET_MS;

/**
 * Thrown by the pool for a batch whose worker the watchdog stopped (a catastrophic regex cannot be
 * interrupted from within): do not score it again inline, where it would get the request thread stuck.
 */
export class WatchdogError extends Error {
  constructor(ms: number) {
    super(`the scoring worker spent more than ${ms} ms on one batch and was stopped`);
    this.name = "WatchdogError";
  }
}

export interface ScoringJob {
  /** A JSON array, {"events": [...]} or NDJSON, as read from a request (read-body.ts). */
  text: string;
  contentType: string;
  now: Date;
  paranoia: ParanoiaLevel;
  /** The org's uploaded rules (sent as their YAML text, compiled once per worker). */
  custom: readonly SigmaRule[];
}

export interface ScoredBatch extends PreparedEvents<EventFields> {
  /** What fired on each valid event (before overrides and suppressions), in the same order. */
  fired: Detection[][];
  /** Indexes (into `valid`) of the events left unscored when the batch's time budget ran out. */
  unscored: number[];
}

export interface ScoringPool {
  readonly size: number;
  /** False once every worker has been given up on. */
  available(): boolean;
  /**
   * The job in a worker. Rejects with the AppError a body that cannot be read deserves (400, 413),
   * with a WatchdogError when the worker got stuck on it, or with a plain Error when it failed.
   */
  score(job: ScoringJob): Promise<ScoredBatch>;
  close(): Promise<void>;
}
