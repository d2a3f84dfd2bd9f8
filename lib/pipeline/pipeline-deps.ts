// What the pipeline works with, passed in rather than reached for: the database, the scoring pool
// (none in tests and the CLI: scoring runs inline), the threshold rules' window store, where
// committed alert changes are announced, and the logger. All of it comes from the process's one
// runtime (lib/runtime): server.ts, the CLI and the test harness build it.
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { AlertChange } from "@/lib/alerts/changes.ts";
import type { WindowStore } from "@/lib/detection/window-store.ts";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import type { Runtime } from "@/lib/runtime/runtime.ts";
import type { ScoringPool } from "./scoring-pool.ts";

export interface PipelineDeps {
  db: PrismaClient;
  scoringPool: ScoringPool | undefined;
  windows: WindowStore;
  /** Called after the detection transaction committed; must not throw (it is guarded anyway). */
  publishAlertChanges(changes: AlertChange[]): void;
  log: Logger;
}

/** The pipeline's share of a runtime (read at each call: a test may swap the scoring pool). */
export function pipelineDeps(runtime: Runtime): PipelineDeps {
  return {
    db: runtime.db.prisma,
    scoringPool: runtime.scoringPool,
    windows: runtime.windows,
    publishAlertChanges: (changes) => {
      if (changes.length) runtime.buses.alertChanges.emit(changes);
    },
    log: runtime.logger,
  };
}

/** For code bundled by Next (route handlers), which reaches the runtime through the process slot. */
export function processPipelineDeps(): PipelineDeps {
  return pipelineDeps(processRuntime());
}
