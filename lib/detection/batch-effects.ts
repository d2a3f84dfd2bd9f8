// What a scored batch adds up to besides its alerts: risk for the entities it names, hits per rule,
// and the risk alerts an entity's new risk calls for. Pure; the pipeline persists them
// (lib/pipeline/commit-detection.ts).
import { riskCandidate, entitiesOf, type AlertCandidate, type Entity } from "./candidates.ts";
import type { EventFields } from "./event.ts";
import { suppressionFor, type ActiveSuppression } from "./suppression.ts";
import type { ThresholdHit } from "./threshold-rules.ts";
import type { Verdict } from "./verdict.ts";

export interface RiskContribution {
  entity: Entity;
  points: number;
  categories: string[];
}

/** Sums contributions per entity (a batch often names the same attacker many times). */
export function sumContributions(contributions: RiskContribution[]): RiskContribution[] {
  const byKey = new Map<string, RiskContribution>();
  for (const c of contributions) {
    if (c.points <= 0) continue;
    const key = `${c.entity.type}\u0000${c.entity.value}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.points += c.points;
      seen.categories = [...new Set([...seen.categories, ...c.categories])];
    } else byKey.set(key, { entity: c.entity, points: c.points, categories: [...new Set(c.categories)] });
  }
  return [...byKey.values()];
}

/** Risk alerts want harm of at least this many kinds, so one long brute force stays one alert. */
export const RISK_ALERT_MIN_CATEGORIES = 2;

/** Kinds of harm for risk alerts: guessing passwords one way or another is one kind. */
const kindOf = (category: string) =>
  category === "brute_force" || category === "credential_stuffing" ? "credential_access" : category;

export function riskContributions(
  events: EventFields[],
  verdicts: Verdict[],
  hits: ThresholdHit[],
): RiskContribution[] {
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

export function hitCounts(verdicts: Verdict[], hits: ThresholdHit[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const verdict of verdicts) for (const detection of verdict.detections) add(detection.id);
  for (const hit of hits) add(hit.rule.id);
  return counts;
}

/** The risk alerts for entities whose risk, after this batch, is past the org's threshold. */
export function riskAlertCandidates(
  risks: { entity: Entity; score: number; points: number; categories: string[] }[],
  riskAlertThreshold: number,
  suppressions: readonly ActiveSuppression[],
  now: Date,
): AlertCandidate[] {
  return risks
    .filter(
      (risk) =>
        risk.score >= riskAlertThreshold &&
        risk.categories.length >= RISK_ALERT_MIN_CATEGORIES &&
        !suppressionFor(suppressions, "sn-entity-risk", [risk.entity], now),
    )
    .map((risk) => riskCandidate(risk.entity, risk.score, risk.points, risk.categories, riskAlertThreshold, now));
}
