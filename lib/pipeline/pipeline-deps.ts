// What the pipeline works with, passed in rather than reached for: the database, the scoring pool
// (none in tests and the CLI: scoring runs inline), the threshold rules' window store, where
// committed alert changes are announced, and the logger. Entry points build it from the process
// accessors (processPipelineDeps) until the process runtime object takes their place.
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { publishAlertChanges, type AlertChange } from "@/lib/alerts/changes.ts";
import type { WindowStore } from "@/lib/detection/window-store.ts";
import { logger } from "@/lib/log.ts";
import { processScoringPool, type ScoringPool } from "./scoring-pool.ts";
import { processWindowStore } from "./process-window-store.ts";

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
