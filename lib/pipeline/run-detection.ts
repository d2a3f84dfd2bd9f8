// The detection pipeline for stored events: each event's verdict (payload detectors, Sigma rules,
// reputation), threshold rules over a shared window store, entity risk, then alerts, rule hit
// counts and, when the org wants it, automatic blocks. The scoring itself is pure (verdict.ts,
// threshold-rules.ts, candidates.ts); this module loads state and persists the outcome.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { publishAlertChanges } from "@/lib/alerts/changes.ts";
import type { EventFields, NormalizedEvent } from "@/lib/detection/event.ts";
import { addRisk, type RiskContribution } from "@/lib/entities/risk.ts";
import { blockIp } from "@/lib/response/blocks.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import { recordRuleHits } from "@/lib/rules/stats.ts";
import { countSuppressedHits } from "@/lib/alerts/suppressions.ts";
import { raiseAlerts, type AlertSummary } from "./raise-alerts.ts";
import { entitiesOf, eventCandidates, riskCandidate, thresholdCandidates } from "@/lib/detection/candidates.ts";
import { suppressionFor } from "@/lib/detection/suppression.ts";
import { evaluateThresholds, type ThresholdHit } from "@/lib/detection/threshold-rules.ts";
import { firedDetections, verdictFromFired, type Ruleset, type Verdict } from "@/lib/detection/verdict.ts";
import { POOL_MIN_BATCH, processVerdictPool } from "./scoring-pool.ts";
import { scoreWithinBudget, type BudgetedScores, type IncompleteScoring } from "@/lib/detection/scoring-budget.ts";
import { WatchdogError } from "./scoring-watchdog.ts";
import { markScoringIncomplete } from "@/lib/pipeline/store-events.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import type { Detection } from "@/lib/detection/types.ts";
import { logger } from "@/lib/log.ts";
import { MemoryWindowStore, type WindowStore } from "@/lib/detection/window-store.ts";
import { RedisWindowStore } from "./redis-window-store.ts";
import { Redis } from "ioredis";
import { env } from "@/lib/env.ts";

const store = globalThis as typeof globalThis & { __securenetWindowStore?: WindowStore };

/** Shared through Redis when REDIS_URL is set (several instances), else in this process. */
export function windowStore(): WindowStore {
  if (!store.__securenetWindowStore) {
    const url = env().REDIS_URL;
    store.__securenetWindowStore = url
      ? new RedisWindowStore(new Redis(url, { maxRetriesPerRequest: 2 }))
      : new MemoryWindowStore();
  }
  return store.__securenetWindowStore;
}

/** Risk alerts want harm of at least this many kinds, so one long brute force stays one alert. */
export const RISK_ALERT_MIN_CATEGORIES = 2;

/** Kinds of harm for risk alerts: guessing passwords one way or another is one kind. */
const kindOf = (category: string) =>
  category === "brute_force" || category === "credential_stuffing" ? "credential_access" : category;

function riskContributions(events: EventFields[], verdicts: Verdict[], hits: ThresholdHit[]): RiskContribution[] {
  const fromEvents = events.flatMap((event, i) => {
    const verdict = verdicts[i]!;
    if (verdict.points <= 0) return [];
    const categories = [...new Set(verdict.detections.map((d) => kindOf(d.category)))];
    // A web request's host is the server under attack, not a risky entity: risk goes to the source
    // (and the user acting), while host risk comes from what happens on the host (its own logs).
    const entities = entitiesOf(event).filter((e) => e.type !== "host" || event.urlOriginal === null);
    return entities.map((entity) => ({ entity, points: verdict.points, categories }));
  });
  const fromHits = hits.map((hit) => ({
    entity: hit.entity,
    points: hit.rule.points,
    categories: [kindOf(hit.rule.category)],
  }));
  return [...fromEvents, ...fromHits];
}

function hitCounts(verdicts: Verdict[], hits: ThresholdHit[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const verdict of verdicts) for (const detection of verdict.detections) add(detection.id);
  for (const hit of hits) add(hit.rule.id);
  return counts;
}

/**
 * In the verdict pool's workers when there is one and the batch has `minBatch` events or more,
 * else here; within the batch's time budget either way. A batch its worker got stuck on is not
 * scored again here (it would get this thread stuck): all of it is left unscored.
 */
export async function firedOn(
  events: NormalizedEvent[],
  ruleset: Ruleset,
  custom: readonly SigmaRule[],
  minBatch = POOL_MIN_BATCH,
): Promise<BudgetedScores & { reason: IncompleteScoring }> {
  const pool = processVerdictPool();
  if (pool?.available() && events.length >= minBatch) {
    try {
      return { ...(await pool.fired(events, ruleset.paranoia, custom)), reason: "time_budget" };
    } catch (error) {
      if (error instanceof WatchdogError)
        return { fired: events.map(() => []), unscored: events.map((_, i) => i), reason: "watchdog" };
      logger().warn({ err: error }, "verdict worker failed; scoring this batch inline");
    }
  }
  return { ...scoreWithinBudget(events, (event) => firedDetections(event, ruleset)), reason: "time_budget" };
}

export async function detect(
  db: PrismaClient,
  orgId: string,
  events: NormalizedEvent[],
  windows: WindowStore = windowStore(),
): Promise<AlertSummary[]> {
  if (events.length === 0) return [];
  const { ruleset, custom } = await orgRuleset(db, orgId);
  const { fired, unscored, reason } = await firedOn(events, ruleset, custom);
  await markScoringIncomplete(
    db,
    orgId,
    unscored.map((i) => events[i]!.eventId),
    reason,
  );
  return detectFired(db, orgId, events, fired, windows);
}

/** The rest of the pipeline, for events whose detectors have already run (`fired`, in the same order). */
export async function detectFired(
  db: PrismaClient,
  orgId: string,
  events: EventFields[],
  fired: Detection[][],
  windows: WindowStore = windowStore(),
): Promise<AlertSummary[]> {
  if (events.length === 0) return [];
  const now = new Date();
  const { settings, ruleset, thresholdRules } = await orgRuleset(db, orgId);
  const verdicts = events.map((event, i) => verdictFromFired(fired[i]!, event, ruleset));
  const suppressedHits = new Map<string, number>();
  const silence = (id: string) => suppressedHits.set(id, (suppressedHits.get(id) ?? 0) + 1);
  for (const verdict of verdicts) for (const s of verdict.suppressed) silence(s.suppressionId);
  const hits = (await evaluateThresholds(events, windows, orgId, thresholdRules)).filter((hit) => {
    const by = suppressionFor(ruleset.suppressions, hit.rule.id, [hit.entity], now);
    if (by) silence(by.id);
    return !by;
  });
  const candidates = [...thresholdCandidates(hits), ...eventCandidates(events, verdicts, settings.inboundThreshold)];
  const risks = await addRisk(db, orgId, riskContributions(events, verdicts, hits), settings.riskHalfLifeMinutes, now);
  for (const risk of risks) {
    if (
      risk.score >= settings.riskAlertThreshold &&
      risk.categories.length >= RISK_ALERT_MIN_CATEGORIES &&
      !suppressionFor(ruleset.suppressions, "sn-entity-risk", [risk.entity], now)
    ) {
      candidates.push(
        riskCandidate(risk.entity, risk.score, risk.points, risk.categories, settings.riskAlertThreshold, now),
      );
    }
  }
  const alerts = await raiseAlerts(db, orgId, candidates);
  publishAlertChanges(alerts.map((a) => ({ orgId, created: a.created, alert: a.view })));
  await recordRuleHits(db, orgId, hitCounts(verdicts, hits), now);
  await countSuppressedHits(db, suppressedHits, now);
  if (settings.autoBlockEnabled) {
    for (const alert of alerts) {
      if (alert.entity.type !== "ip" || alert.score < settings.autoBlockScore) continue;
      await blockIp(
        db,
        {
          orgId,
          ip: alert.entity.value,
          reason: `alert ${alert.id} reached score ${alert.score} (auto-block at ${settings.autoBlockScore})`,
          minutes: settings.autoBlockMinutes,
          alertId: alert.id,
        },
        now,
      );
    }
  }
  return alerts;
}
