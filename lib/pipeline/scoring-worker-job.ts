// What a scoring worker thread does (scoring-worker.ts is its entry; scoring-pool.ts says why):
// the shipped Sigma rules and reputation lists are loaded once from the folders the pool names;
// an org's own rules arrive as their YAML text and are compiled once each. Its one job: a JSON
// body read, validated and scored within the batch's time budget (the events left over are
// answered as unscored). The documents stay here: the request thread stores them from `rows`.
import { parentPort, workerData } from "node:worker_threads";
import { eventFields, type NormalizedEvent } from "@/lib/detection/event.ts";
import { loadReputationDirectory } from "@/lib/detection/reputation.ts";
import { BATCH_SCORING_BUDGET_MS, scoreWithinBudget } from "@/lib/detection/scoring-budget.ts";
import { loadSigmaDirectory, parseSigmaRule, type SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { DetectorErrorTally, type DetectorErrorCount } from "@/lib/detection/detector-error-tally.ts";
import type { Detection, DetectorErrorSink } from "@/lib/detection/types.ts";
import { firedDetections, type ParanoiaLevel, type Ruleset } from "@/lib/detection/verdict.ts";
import { AppError, type AppErrorCode, type FieldError } from "@/lib/http/errors.ts";
import { parseEventsText } from "./read-body.ts";
import type { ScoredBatch } from "./scoring-pool.ts";
import { prepareEvents } from "./validate-events.ts";

/** The one request a worker takes (a ScoringJob, made cloneable). */
export interface ScoringRequest {
  id: number;
  text: string;
  contentType: string;
  now: number;
  paranoia: ParanoiaLevel;
  /** The org's uploaded rules, by source and text. */
  custom: { source: string; text: string }[];
}

export type ScoringReply =
  | { id: 0; ready: true }
  // The batch's detector errors, tallied here, counted by the pool on the main thread.
  | { id: number; batch: ScoredBatch; detectorErrors: DetectorErrorCount[] }
  | { id: number; error: string }
  | { id: number; refused: { code: AppErrorCode; message: string; errors?: FieldError[] } };

export type Scorer = (
  event: NormalizedEvent,
  ruleset: Pick<Ruleset, "paranoia" | "sigma" | "reputation">,
  onDetectorError: DetectorErrorSink,
) => Detection[];

/** Answers the pool's requests on this thread's port; `score` is firedDetections but in tests. */
export function serveScoring(score: Scorer = firedDetections) {
  const {
    rulesDir,
    reputationDir,
    budgetMs = BATCH_SCORING_BUDGET_MS,
  } = workerData as { rulesDir: string; reputationDir: string; budgetMs?: number };
  const shippedSigma = loadSigmaDirectory(rulesDir).rules;
  const reputation = loadReputationDirectory(reputationDir).lists;
  const compiled = new Map<string, SigmaRule | null>();

  function customRule({ source, text }: ScoringRequest["custom"][number]): SigmaRule | null {
    const key = `${source}\u0000${text}`;
    if (!compiled.has(key)) {
      const parsed = parseSigmaRule(text, source);
      compiled.set(key, "rule" in parsed && Object.hasOwn(parsed, "rule") ? parsed.rule : null);
    }
    return compiled.get(key)!;
  }

  parentPort!.on("message", (request: ScoringRequest) => {
    let reply: ScoringReply;
    try {
      const ruleset = {
        paranoia: request.paranoia,
        sigma: [...shippedSigma, ...request.custom.map(customRule).filter((r): r is SigmaRule => r !== null)],
        reputation,
      };
      const prepared = prepareEvents(parseEventsText(request.text, request.contentType), new Date(request.now));
      const tally = new DetectorErrorTally();
      const { fired, unscored } = scoreWithinBudget(
        prepared.valid,
        (event) => score(event, ruleset, tally.sink(event.eventId)),
        budgetMs,
      );
      const { indexes, rejected, rows } = prepared;
      reply = {
        id: request.id,
        batch: { valid: prepared.valid.map(eventFields), indexes, rejected, rows, fired, unscored },
        detectorErrors: tally.list(),
      };
    } catch (error) {
      reply =
        error instanceof AppError
          ? { id: request.id, refused: { code: error.code, message: error.message, errors: error.errors } }
          : { id: request.id, error: (error as Error).message };
    }
    parentPort!.postMessage(reply);
  });
  // Rules loaded: from now on the pool's watchdog times this worker's batches.
  parentPort!.postMessage({ id: 0, ready: true } satisfies ScoringReply);
}
