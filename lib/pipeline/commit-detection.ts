// Everything a batch's detection writes, in one transaction: its backlog row claimed first and let
// go last (detection-backlog.ts), the events not every detector ran on marked, entity risk added,
// alerts raised, rule and suppression hits counted, and the automatic blocks due left on the row.
// So either all of it commits, once, or none of it and the row stays for a redo. The whole is
// retried on a deadlock or serialization failure (each statement's own retry would run in an
// aborted transaction).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { rawTransaction, type RawExecutor } from "@/lib/db/raw.ts";
import { retryOnConflict } from "@/lib/db/retry.ts";
import { riskAlertCandidates, type RiskContribution } from "@/lib/detection/batch-effects.ts";
import type { AlertCandidate } from "@/lib/detection/candidates.ts";
import type { IncompleteScoring } from "@/lib/detection/scoring-budget.ts";
import type { ActiveSuppression } from "@/lib/detection/suppression.ts";
import type { Settings } from "@/lib/rules/detection-settings.ts";
import { autoBlocksFor, type PendingBlock } from "./auto-block.ts";
import { claimBacklog, dropBacklog, finishBacklog } from "./detection-backlog.ts";
import { addRisk, countSuppressedHits, recordRuleHits } from "./detection-counters.ts";
import { raiseAlerts, type RaisedAlert } from "./raise-alerts.ts";

export interface DetectionWrites {
  orgId: string;
  backlogId: string | null;
  now: Date;
  settings: Settings;
  suppressions: readonly ActiveSuppression[];
  candidates: AlertCandidate[];
  risk: RiskContribution[];
  ruleHits: Map<string, number>;
  suppressedHits: Map<string, number>;
  unscored: { eventIds: string[]; reason: IncompleteScoring };
}

/** Marks stored events that not every detector ran on, and why (scoring-budget.ts). */
async function markScoringIncomplete(query: RawExecutor, orgId: string, unscored: DetectionWrites["unscored"]) {
  if (unscored.eventIds.length === 0) return;
  await query(`UPDATE "Event" SET "scoringIncomplete" = $3 WHERE "orgId" = $1::uuid AND "eventId" = ANY($2::text[])`, [
    orgId,
    unscored.eventIds,
    unscored.reason,
  ]);
}

/** Null: another detection of the same batch (a retry racing this one) committed it. */
export async function commitDetection(
  db: PrismaClient,
  writes: DetectionWrites,
): Promise<{ alerts: RaisedAlert[]; blocks: PendingBlock[] } | null> {
  const { orgId, backlogId, now, settings } = writes;
  const nothing =
    writes.candidates.length === 0 &&
    writes.risk.every((r) => r.points <= 0) &&
    writes.ruleHits.size === 0 &&
    writes.suppressedHits.size === 0 &&
    writes.unscored.eventIds.length === 0;
  // Most batches: one statement, no transaction.
  if (nothing) {
    if (backlogId) await dropBacklog(db, backlogId);
    return { alerts: [], blocks: [] };
  }
  return retryOnConflict(() =>
    rawTransaction(db, async (query) => {
      if (backlogId && !(await claimBacklog(query, backlogId))) return null;
      await markScoringIncomplete(query, orgId, writes.unscored);
      const risks = await addRisk(query, orgId, writes.risk, settings.riskHalfLifeMinutes, now);
      const riskAlerts = riskAlertCandidates(risks, settings.riskAlertThreshold, writes.suppressions, now);
      const alerts = await raiseAlerts(query, orgId, [...writes.candidates, ...riskAlerts]);
      await recordRuleHits(query, orgId, writes.ruleHits, now);
      await countSuppressedHits(query, writes.suppressedHits, now);
      const blocks = autoBlocksFor(alerts, settings);
      if (backlogId) await finishBacklog(query, backlogId, blocks);
      return { alerts, blocks };
    }),
  );
}
