// What a verdict worker thread does (see verdict-pool.ts; verdict-worker.ts is its entry): the
// shipped Sigma rules and reputation lists are loaded once from the folders the pool names; an
// org's own rules arrive as their YAML text and are compiled once each. A request is either a JSON
// array of normalized event documents (the answer: what fired on each), or a whole ingest body to
// read, validate and score. Either way the batch is scored within its time budget
// (scoring-budget.ts): the events left over are answered as unscored.
import { parentPort, workerData } from "node:worker_threads";
import { AppError, type AppErrorCode, type FieldError } from "@/lib/http/errors.ts";
import { prepareEvents } from "@/lib/pipeline/store-events.ts";
import { eventFields, wrapNormalizedDoc, type NormalizedDoc } from "@/lib/detection/event.ts";
import { parseEventsText } from "@/lib/pipeline/read-body.ts";
import type { ScoredBatch } from "./scoring-pool.ts";
import { loadReputationDirectory } from "@/lib/detection/reputation.ts";
import { loadSigmaDirectory, parseSigmaRule, type SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { firedDetections, type ParanoiaLevel, type Ruleset } from "@/lib/detection/verdict.ts";
import { BATCH_SCORING_BUDGET_MS, scoreWithinBudget } from "@/lib/detection/scoring-budget.ts";
import type { Detection } from "@/lib/detection/types.ts";
import type { NormalizedEvent } from "@/lib/detection/event.ts";

interface Request {
  id: number;
  paranoia: ParanoiaLevel;
  /** The org's uploaded rules, by source and text. */
  custom: { source: string; text: string }[];
}

export type VerdictRequest =
  (Request & { docs: string }) | (Request & { body: { text: string; contentType: string; now: number } });

export type VerdictReply =
  | { id: 0; ready: true }
  | { id: number; fired: Detection[][]; unscored: number[] }
  | { id: number; batch: ScoredBatch }
  | { id: number; error: string }
  | { id: number; refused: { code: AppErrorCode; message: string; errors?: FieldError[] } };

export type Scorer = (
  event: NormalizedEvent,
  ruleset: Pick<Ruleset, "paranoia" | "sigma" | "reputation">,
) => Detection[];

/** Answers the pool's requests on this thread's port; `score` is firedDetections but in tests. */
export function serveVerdicts(score: Scorer = firedDetections) {
  const {
    rulesDir,
    reputationDir,
    budgetMs = BATCH_SCORING_BUDGET_MS,
  } = workerData as { rulesDir: string; reputationDir: string; budgetMs?: number };
  const shippedSigma = loadSigmaDirectory(rulesDir).rules;
  const reputation = loadReputationDirectory(reputationDir).lists;
  const compiled = new Map<string, SigmaRule | null>();

  function customRule({ source, text }: VerdictRequest["custom"][number]): SigmaRule | null {
    const key = `${source}\u0000${text}`;
    if (!compiled.has(key)) {
      const parsed = parseSigmaRule(text, source);
      compiled.set(key, "rule" in parsed && Object.hasOwn(parsed, "rule") ? parsed.rule : null);
    }
    return compiled.get(key)!;
  }

  parentPort!.on("message", (request: VerdictRequest) => {
    let reply: VerdictReply;
    try {
      const ruleset = {
        paranoia: request.paranoia,
        sigma: [...shippedSigma, ...request.custom.map(customRule).filter((r): r is SigmaRule => r !== null)],
        reputation,
      };
      if ("docs" in request && Object.hasOwn(request, "docs")) {
        const docs = JSON.parse(request.docs) as NormalizedDoc[];
        const { fired, unscored } = scoreWithinBudget(
          docs.map(wrapNormalizedDoc),
          (event) => score(event, ruleset),
          budgetMs,
        );
        reply = { id: request.id, fired, unscored };
      } else {
        const { text, contentType, now } = (request as Extract<VerdictRequest, { body: unknown }>).body;
        const prepared = prepareEvents(parseEventsText(text, contentType), new Date(now));
        const { fired, unscored } = scoreWithinBudget(prepared.valid, (event) => score(event, ruleset), budgetMs);
        // The documents stay here: the request thread stores them from `rows`.
        const valid = prepared.valid.map(eventFields);
        reply = {
          id: request.id,
          batch: {
            valid,
            indexes: prepared.indexes,
            rejected: prepared.rejected,
            rows: prepared.rows,
            fired,
            unscored,
          },
        };
      }
    } catch (error) {
      reply =
        error instanceof AppError
          ? { id: request.id, refused: { code: error.code, message: error.message, errors: error.errors } }
          : { id: request.id, error: (error as Error).message };
    }
    parentPort!.postMessage(reply);
  });
  // Rules loaded: from now on the pool's watchdog times this worker's batches.
  parentPort!.postMessage({ id: 0, ready: true } satisfies VerdictReply);
}
