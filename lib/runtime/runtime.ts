// SecureNet's process state in one typed object: built once by server.ts, the CLI and the test
// harness, passed down to what needs it, and closed in one call. Route handlers bundled by Next
// reach it through process-runtime.ts (the reason is written there).
import type pino from "pino";
import type { Database } from "@/lib/db/connect.ts";
import type { Env } from "@/lib/env.ts";
import { createLogger } from "@/lib/log.ts";
import { metrics, type Metrics } from "@/lib/metrics/registry.ts";
import { MemoryWindowStore, type WindowStore } from "@/lib/detection/window-store.ts";
import { RedisWindowStore } from "@/lib/pipeline/redis-window-store.ts";
import type { ScoringPool } from "@/lib/pipeline/scoring-pool.ts";
import { startScoringPool } from "@/lib/pipeline/start-scoring-pool.ts";
import { processBuses, type RuntimeBuses } from "./buses.ts";
import { createRedisFactory, type RedisFactory } from "./redis.ts";

export interface Runtime {
  config: Env;
  logger: pino.Logger;
  /** The process's one registry (default metrics observe the process, so they are registered once). */
  metrics: Metrics;
  db: Database;
  /** Every Redis connection of the process comes from here (none without REDIS_URL). */
  redis: RedisFactory;
  buses: RuntimeBuses;
  /** Threshold-rule windows: in Redis when REDIS_URL is set (shared by instances), else in memory. */
  windows: WindowStore;
  /** Worker threads scoring large batches; absent with SECURENET_DETECTION_WORKERS=0 (scored inline). */
  scoringPool?: ScoringPool;
  /** Stops the scoring pool, quits Redis, then closes the database (when the runtime opened it). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Env;
  db: Database;
  logger?: pino.Logger;
  /** Scoring worker threads to start (0 or absent: none). */
  scoringWorkers?: number;
  /** Whether close() closes the database too (false: the caller owns it, as a test's shared database). */
  ownsDatabase?: boolean;
  /** Threshold-rule windows to use instead of the default (Redis with REDIS_URL, else memory). */
  windows?: WindowStore;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, db } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const redis = createRedisFactory(config.REDIS_URL, () => logger);
  // A caller may bring its own windows (tests: fresh ones per org); else Redis when configured.
  const windowClient = options.windows ? null : redis.client("windows", { maxRetriesPerRequest: 2 });
  const scoringPool = options.scoringWorkers
    ? startScoringPool({
        size: options.scoringWorkers,
        rulesDir: config.SECURENET_RULES_DIR,
        reputationDir: config.SECURENET_REPUTATION_DIR,
        onError: (err) => logger.error({ err }, "scoring worker failed; restarting it"),
      })
    : undefined;
  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    metrics: metrics(),
    db,
    redis,
    buses: processBuses(),
    windows: options.windows ?? (windowClient ? new RedisWindowStore(windowClient) : new MemoryWindowStore()),
    scoringPool,
    close() {
      closing ??= closeInOrder([
        () => scoringPool?.close(),
        () => redis.close(),
        () => (options.ownsDatabase === false ? undefined : db.close()),
      ]);
      return closing;
    },
  };
}

/** Runs every step even when one fails; then throws the first failure. */
async function closeInOrder(steps: (() => Promise<unknown> | unknown)[]) {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw failures[0];
}
