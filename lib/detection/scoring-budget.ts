// How long one batch may spend in the detectors. An attacker who finds an input the detectors are
// slow on must not be able to hold a batch, its sender or the scoring worker hostage: once the
// batch's budget is spent, the events not yet scored are stored unscored and marked so
// (Event.scoringIncomplete), never dropped. A worker stuck inside one event (a catastrophic regex
// cannot be interrupted from within) is stopped by the scoring pool's watchdog (lib/pipeline/scoring-pool.ts).
import type { Detection } from "./types.ts";

/** A 5,000-event batch scores in well under a second; ten is an attack or a broken rule. */
export const BATCH_SCORING_BUDGET_MS = 10_000;

/** Why an event is stored without every detector having run on it. */
export type IncompleteScoring = "time_budget" | "watchdog";

export interface BudgetedScores {
  /** What fired on each event, in order; empty for those not scored. */
  fired: Detection[][];
  /** Indexes of the events left unscored when the budget ran out. */
  unscored: number[];
}

/** Scores events in order until `budgetMs` has passed, checked before each event. */
export function scoreWithinBudget<E>(
  events: readonly E[],
  score: (event: E) => Detection[],
  budgetMs = BATCH_SCORING_BUDGET_MS,
  clock: () => number = performance.now.bind(performance),
): BudgetedScores {
  const started = clock();
  const fired: Detection[][] = [];
  const unscored: number[] = [];
  for (let i = 0; i < events.length; i++) {
    if (unscored.length > 0 || clock() - started >= budgetMs) {
      unscored.push(i);
      fired.push([]);
    } else fired.push(score(events[i]!));
  }
  return { fired, unscored };
}
