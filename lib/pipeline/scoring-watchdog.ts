// The scoring pool's watchdog limits. A worker stuck inside one event (a catastrophic regex cannot
// be interrupted from within) is stopped from outside: its batch is stored unscored and marked
// "watchdog", never scored again inline, where it would get the request thread stuck instead.
import { BATCH_SCORING_BUDGET_MS } from "@/lib/detection/scoring-budget.ts";

/** A worker silent this long on a batch is stuck inside one event: it is terminated and replaced. */
export const WATCHDOG_MS = 2 * BATCH_SCORING_BUDGET_MS;

/** Thrown by the pool for a batch whose worker the watchdog stopped: do not score it again inline. */
export class WatchdogError extends Error {
  constructor(ms: number) {
    super(`the scoring worker spent more than ${ms} ms on one batch and was stopped`);
    this.name = "WatchdogError";
  }
}
