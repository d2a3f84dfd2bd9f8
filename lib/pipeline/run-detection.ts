// Detect → alert → emit, for a batch whose detectors have run: each event's verdict from what fired
// (overrides and suppressions applied), the threshold rules over the window store, then one
// transaction for all the batch writes (commit-detection.ts), then the announcement of the alerts
// it raised or updated (after the commit, and never failing the batch), then automatic blocks.
// The scoring and the candidates are pure (lib/detection); this module sequences and persists.
import type { Detection } from "@/lib/detection/types.ts";
import { hitCounts, riskContributions } from "@/lib/detection/batch-effects.ts";
import { eventCandidates, thresholdCandidates } from "@/lib/detection/candidates.ts";
import type { EventFields } from "@/lib/detection/event.ts";
import type { IncompleteScoring } from "@/lib/detection/scoring-budget.ts";
import { suppressionFor } from "@/lib/detection/suppression.ts";
import { evaluateThresholds } from "@/lib/detection/threshold-rules.ts";
import { verdictFromFired } from "@/lib/detection/verdict.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import { applyPendingBlocks } from "./auto-block.ts";
import { commitDetection } from "./commit-detection.ts";
import { dropBacklog } from "./detection-backlog.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { RaisedAlert } from "./raise-alerts.ts";

export interface ScoredEvents {
  orgId: string;
  /** Stored events, and what fired on each (same order). */
  events: EventFields[];
  fired: Detection[][];
  /** Indexes into `events` of those not every detector ran on, and why. */
  unscored: number[];
  reason: IncompleteScoring;
  /** The batch's backlog row (store-events.ts), let go when its detection commits. */
  backlogId: string | null;
}

export async function runDetection(deps: PipelineDeps, batch: ScoredEvents): Promise<RaisedAlert[]> {
  const { orgId, events, fired, backlogId } = batch;
  if (events.length === 0) {
    if (backlogId) await dropBacklog(deps.db, backlogId);
    return [];
  }
  const now = new Date();
  const { settings, ruleset, thresholdRules } = await orgRuleset(deps.db, orgId);
  const verdicts = events.map((event, i) => verdictFromFired(fired[i]!, event, ruleset));
  const suppressedHits = new Map<string, number>();
  const silence = (id: string) => suppressedHits.set(id, (suppressedHits.get(id) ?? 0) + 1);
  for (const verdict of verdicts) for (const s of verdict.suppressed) silence(s.suppressionId);
  const hits = (await evaluateThresholds(events, deps.windows, orgId, thresholdRules)).filter((hit) => {
    const by = suppressionFor(ruleset.suppressions, hit.rule.id, [hit.entity], now);
    if (by) silence(by.id);
    return !by;
  });
  const committed = await commitDetection(deps.db, {
    orgId,
    backlogId,
    now,
    settings,
    suppressions: ruleset.suppressions,
    candidates: [...thresholdCandidates(hits), ...eventCandidates(events, verdicts, settings.inboundThreshold)],
    risk: riskContributions(events, verdicts, hits),
    ruleHits: hitCounts(verdicts, hits),
    suppressedHits,
    unscored: { eventIds: batch.unscored.map((i) => events[i]!.eventId), reason: batch.reason },
  });
  if (!committed) return [];
  announce(deps, orgId, committed.alerts);
  if (committed.blocks.length) await applyPendingBlocks(deps, orgId, backlogId, committed.blocks, now);
  return committed.alerts;
}

/** The alerts are committed: a listener's failure must not make the batch look failed. */
function announce(deps: PipelineDeps, orgId: string, alerts: RaisedAlert[]) {
  try {
    deps.publishAlertChanges(alerts.map((a) => ({ orgId, created: a.created, alert: a.view })));
  } catch (error) {
    deps.log.error({ err: error }, "announcing alert changes failed");
  }
}
