// The one entry point of an event's path: receive → validate → score → store → detect → alert →
// emit, for the events route, the demo simulator, the console's own security events and the
// tests. A big body is read, validated and scored in a scoring worker (scoring-pool.ts) while this
// thread stores and alerts on other batches; a small one, or one whose worker failed, takes the
// same steps here. Events are stored before anything is answered either way, and the store leaves
// the batch in the detection backlog: a detection that fails after that is answered as pending
// (retryable) and redone when the batch comes again, never half done. A body whose worker the
// watchdog stopped (stuck in a detector) is stored unscored and marked so: scoring it again here
// would get the request thread stuck instead.
import type { EventFields } from "@/lib/detection/event.ts";
import { AppError } from "@/lib/http/errors.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { RaisedAlert } from "./raise-alerts.ts";
import { parseEventsText, type RawItem } from "./read-body.ts";
import { redoDetectionFor } from "./redo-detection.ts";
import { runDetection, type ScoredEvents } from "./run-detection.ts";
import { scoreBodyInPool, scoreEvents } from "./score-events.ts";
import { sqlEventStore } from "./event-store.ts";
import type { StoredBatch } from "./store-events.ts";
import { prepareEvents, type Rejected } from "./validate-events.ts";

export interface IngestInput {
  orgId: string;
  /** A request body as read (read-body.ts), or `items`: events already parsed (simulator, internal events, tests). */
  body?: { text: string; contentType: string };
  items?: unknown[];
  source: { apiKeyId: string | null };
  now?: Date;
}

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  rejected: Rejected;
  /** Alerts created or updated by this batch (and by a redone detection of its earlier sending). */
  alerts: RaisedAlert[];
  /** "pending": stored, but detection did not finish; sending the batch again redoes it. */
  detection: "done" | "pending";
}

export async function ingestBatch(deps: PipelineDeps, input: IngestInput): Promise<IngestOutcome> {
  const { orgId, source } = input;
  const now = input.now ?? new Date();
  const items = (): RawItem[] =>
    input.body
      ? parseEventsText(input.body.text, input.body.contentType)
      : (input.items ?? []).map((value) => ({ value }));
  const { ruleset, custom } = await orgRuleset(deps.db, orgId);
  // Parsed items go to a worker as JSON text: the same job, and the same threshold, as a body.
  const body =
    input.body ??
    (deps.scoringPool?.available()
      ? { text: JSON.stringify(input.items ?? []), contentType: "application/json" }
      : null);
  const scored = body ? await scoreBodyInPool(deps, body, now, ruleset, custom) : null;

  const events = sqlEventStore(deps.db);
  let stored: StoredBatch<EventFields>;
  let scoring: () => Promise<Omit<ScoredEvents, "orgId" | "events" | "backlogId">>;
  if (scored === "stuck") {
    stored = await events.writeBatch(orgId, prepareEvents(items(), now), source, now);
    const none = stored.stored.map((_, i) => i);
    scoring = async () => ({ fired: none.map(() => []), unscored: none, reason: "watchdog" });
  } else if (scored) {
    stored = await events.writeBatch(orgId, scored, source, now);
    const left = new Set(scored.unscored);
    const { storedIndexes } = stored;
    scoring = async () => ({
      fired: storedIndexes.map((i) => scored.fired[i]!),
      unscored: storedIndexes.flatMap((i, at) => (left.has(i) ? [at] : [])),
      reason: "time_budget",
    });
  } else {
    const batch = await events.writeBatch(orgId, prepareEvents(items(), now), source, now);
    stored = batch;
    // Scored after storing: only the new events, and a detector failing cannot lose them.
    scoring = () => scoreEvents(deps, batch.stored, ruleset, custom, { isolate: false });
  }
  const { accepted, duplicates, rejected } = stored;
  try {
    const redone = await redoDetectionFor(deps, orgId, stored.duplicateIds);
    const events = stored.stored;
    const alerts = await runDetection(deps, { orgId, events, ...(await scoring()), backlogId: stored.backlogId });
    return { accepted, duplicates, rejected, alerts: [...redone, ...alerts], detection: "done" };
  } catch (error) {
    deps.log.error(
      { err: error, orgId, events: accepted, backlogId: stored.backlogId },
      "detection failed after the batch was stored; it stays in the backlog to be redone",
    );
    return { accepted, duplicates, rejected, alerts: [], detection: "pending" };
  }
}

/** A stored batch whose detection did not finish: sending it again (its events are duplicates then) redoes it. */
const DETECTION_RETRY_SECONDS = 5;

/** The answer for such a batch: retryable (503 with Retry-After), never a 500. */
export function detectionPending(accepted: number): AppError {
  return new AppError(
    "unavailable",
    `The ${accepted} new events were stored, but detection on them did not finish. Send the same batch again to redo it: its events then count as duplicates, and no alert is raised twice.`,
    undefined,
    { "Retry-After": String(DETECTION_RETRY_SECONDS) },
  );
}
