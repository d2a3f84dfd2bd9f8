// Score: what fired on each event, within the batch's time budget (scoring-budget.ts). In a
// scoring worker for a big body, or when the caller wants the request thread kept out of the
// detectors' way (`isolate`: the log test, a redone batch); inline otherwise, and whenever there
// is no pool or a worker failed. A batch the watchdog stopped a worker on is not scored again.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { scoreWithinBudget, type BudgetedScores, type IncompleteScoring } from "@/lib/detection/scoring-budget.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { firedDetections, type Ruleset } from "@/lib/detection/verdict.ts";
import { DetectorErrorTally } from "@/lib/detection/detector-error-tally.ts";
import { AppError } from "@/lib/http/errors.ts";
import { countDetectorErrors } from "@/lib/metrics/detector-errors.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import { POOL_MIN_BYTES, WatchdogError, type ScoredBatch } from "./scoring-pool.ts";

export type Scoring = BudgetedScores & { reason: IncompleteScoring };

/**
 * A body read, validated and scored in a worker; null when it is to be done inline (no pool, a
 * small body, a failed worker), "stuck" when the watchdog stopped the worker on it. A body that
 * cannot be read is refused with its AppError (400, 413), as inline.
 */
export async function scoreBodyInPool(
  deps: PipelineDeps,
  body: { text: string; contentType: string },
  now: Date,
  ruleset: Ruleset,
  custom: readonly SigmaRule[],
  isolate = false,
): Promise<ScoredBatch | "stuck" | null> {
  const pool = deps.scoringPool;
  if (!pool?.available() || (!isolate && body.text.length < POOL_MIN_BYTES)) return null;
  try {
    return await pool.score({ ...body, now, paranoia: ruleset.paranoia, custom });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof WatchdogError) return "stuck";
    deps.log.warn({ err: error }, "scoring worker failed; scoring this batch inline");
    return null;
  }
}

/** Events already validated. In the pool they go as a JSON body of their documents, which validate unchanged. */
export async function scoreEvents(
  deps: PipelineDeps,
  events: NormalizedEvent[],
  ruleset: Ruleset,
  custom: readonly SigmaRule[],
  { isolate }: { isolate: boolean },
): Promise<Scoring> {
  if (isolate && events.length > 0) {
    const body = { text: JSON.stringify(events.map((e) => e.doc)), contentType: "application/json" };
    const batch = await scoreBodyInPool(deps, body, new Date(), ruleset, custom, true);
    if (batch === "stuck")
      return { fired: events.map(() => []), unscored: events.map((_, i) => i), reason: "watchdog" };
    if (batch) return aligned(events.length, batch);
  }
  // Inline, this thread counts its batch's detector errors; the pool counts its workers' (start-scoring-pool.ts).
  const tally = new DetectorErrorTally();
  const scored = scoreWithinBudget(events, (event) => firedDetections(event, ruleset, tally.sink(event.eventId)));
  countDetectorErrors(tally.list());
  return { ...scored, reason: "time_budget" };
}

/** The worker's answer by the events' own order; one it did not take (or score) is unscored. */
function aligned(count: number, batch: ScoredBatch): Scoring {
  const at = new Map(batch.indexes.map((index, j) => [index, j]));
  const left = new Set(batch.unscored);
  const fired: Scoring["fired"] = [];
  const unscored: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = at.get(i);
    if (j === undefined || left.has(j)) unscored.push(i);
    fired.push(j === undefined ? [] : batch.fired[j]!);
  }
  return { fired, unscored, reason: "time_budget" };
}
