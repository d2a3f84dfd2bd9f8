// What the engine proposes to alert on, before it meets the database: threshold-rule hits,
// events whose own verdict reaches the inbound threshold, and entities whose risk crossed the
// line. Pure; lib/pipeline/raise-alerts.ts turns candidates into new or updated alerts.
import type { EventFields } from "@/lib/detection/event.ts";
import type { ThresholdHit, EntityType } from "./threshold-rules.ts";
import type { Detection } from "./types.ts";
import type { Verdict } from "./verdict.ts";

export interface Entity {
  type: EntityType;
  value: string;
}

export interface RuleContribution {
  id: string;
  title: string;
  category: string;
  points: number;
  technique?: string;
  /** Matching events (threshold rules: events at or past the threshold). */
  hits: number;
  field?: string;
  reason?: string;
  threshold?: number;
  windowSeconds?: number;
}

export interface AlertCandidate {
  groupKey: string;
  ruleId: string;
  title: string;
  category: string;
  entity: Entity;
  entities: Entity[];
  techniques: string[];
  /** The events behind it, in time order (none for a risk alert: its evidence is other alerts' events). */
  events: { eventId: string; timestamp: Date }[];
  /** Events before a threshold was reached: part of a new alert's evidence and count, not of its score. */
  leadIn?: { eventId: string; timestamp: Date }[];
  /** When the evidence was seen, for candidates without events. */
  seenAt?: Date;
  rules: RuleContribution[];
  /** The score this evidence alone justifies. */
  baseScore: number;
  /** "count": an open alert gains 2 per further event; "max": it keeps the highest score seen. */
  growth: "count" | "max";
  scoring: string;
  detail?: Record<string, unknown>;
}

export function entitiesOf(event: EventFields): Entity[] {
  const entities: Entity[] = [];
  if (event.sourceIp) entities.push({ type: "ip", value: event.sourceIp });
  if (event.userName) entities.push({ type: "user", value: event.userName });
  if (event.hostName) entities.push({ type: "host", value: event.hostName });
  return entities;
}

const uniqueEntities = (list: Entity[]) =>
  [...new Map(list.map((e) => [`${e.type}:${e.value}`, e])).values()].slice(0, 20);

/** The group's lead-in events that are not hits themselves, once each, in time order. */
function leadInOf(group: ThresholdHit[]) {
  const hits = new Set(group.map((h) => h.event.eventId));
  const byId = new Map(
    group
      .flatMap((h) => h.leadIn)
      .filter((e) => !hits.has(e.eventId))
      .map((e) => [e.eventId, e]),
  );
  return [...byId.values()].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}

export function thresholdCandidates(hits: ThresholdHit[]): AlertCandidate[] {
  const groups = new Map<string, ThresholdHit[]>();
  for (const hit of hits) {
    const key = `${hit.rule.id}:${hit.entity.type}:${hit.entity.value}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return [...groups].map(([groupKey, group]) => {
    const { rule, entity } = group[0]!;
    return {
      groupKey,
      ruleId: rule.id,
      title: `${rule.title}: ${entity.value}`,
      category: rule.category,
      entity,
      entities: uniqueEntities([entity, ...group.flatMap((h) => entitiesOf(h.event))]),
      techniques: [rule.technique],
      events: group.map((h) => ({ eventId: h.event.eventId, timestamp: h.event.timestamp })),
      leadIn: leadInOf(group),
      rules: [
        {
          id: rule.id,
          title: rule.title,
          category: rule.category,
          points: rule.points,
          technique: rule.technique,
          hits: group.length,
          threshold: rule.threshold,
          windowSeconds: rule.windowMs / 1000,
        },
      ],
      baseScore: Math.min(100, rule.points * 10),
      growth: "count",
      scoring: `${rule.points} points x 10 at the threshold of ${rule.threshold} in ${rule.windowMs / 1000} s, +2 for each further matching event (max 100)`,
      detail: { windowCount: group.at(-1)!.count },
    } satisfies AlertCandidate;
  });
}

function contributions(detections: Detection[][]): RuleContribution[] {
  const byId = new Map<string, RuleContribution>();
  for (const detection of detections.flat()) {
    const seen = byId.get(detection.id);
    if (seen) seen.hits += 1;
    else
      byId.set(detection.id, {
        id: detection.id,
        title: detection.title,
        category: detection.category,
        points: detection.points,
        technique: detection.technique,
        hits: 1,
        field: detection.field,
        reason: detection.reason,
      });
  }
  return [...byId.values()].sort((a, b) => b.points - a.points || a.id.localeCompare(b.id));
}

/** Events whose own anomaly points reach the inbound threshold, grouped by attack class and entity. */
export function eventCandidates(
  events: EventFields[],
  verdicts: Verdict[],
  inboundThreshold: number,
): AlertCandidate[] {
  const groups = new Map<
    string,
    { entity: Entity; category: string; items: { event: EventFields; verdict: Verdict }[] }
  >();
  events.forEach((event, i) => {
    const verdict = verdicts[i]!;
    if (verdict.points < inboundThreshold || verdict.detections.length === 0) return;
    const entity = entitiesOf(event)[0] ?? { type: "host" as const, value: "unknown" };
    const category = verdict.detections[0]!.category;
    const key = `event:${category}:${entity.type}:${entity.value}`;
    const group = groups.get(key) ?? { entity, category, items: [] };
    group.items.push({ event, verdict });
    groups.set(key, group);
  });
  return [...groups].map(([groupKey, { entity, category, items }]) => {
    const rules = contributions(items.map((i) => i.verdict.detections));
    const lead = rules[0]!;
    return {
      groupKey,
      ruleId: lead.id,
      title: `${lead.title}: ${entity.value}`,
      category,
      entity,
      entities: uniqueEntities(items.flatMap((i) => entitiesOf(i.event))),
      techniques: [...new Set(rules.flatMap((r) => (r.technique ? [r.technique] : [])))],
      events: items.map((i) => ({ eventId: i.event.eventId, timestamp: i.event.timestamp })),
      rules,
      baseScore: Math.max(...items.map((i) => i.verdict.score)),
      growth: "count",
      scoring: `the strongest event's CRS anomaly points as 100 x (1 - 0.5^(points/5)) (inbound threshold ${inboundThreshold}), +2 for each further event (max 100)`,
    } satisfies AlertCandidate;
  });
}

export function riskCandidate(
  entity: Entity,
  score: number,
  points: number,
  categories: string[],
  threshold: number,
  at: Date,
): AlertCandidate {
  return {
    groupKey: `risk:${entity.type}:${entity.value}`,
    ruleId: "sn-entity-risk",
    title: `High risk ${entity.type === "ip" ? "source" : entity.type}: ${entity.value}`,
    category: "anomaly",
    entity,
    entities: [entity],
    techniques: [],
    events: [],
    seenAt: at,
    rules: [
      {
        id: "sn-entity-risk",
        title: "Entity risk above the threshold",
        category: "anomaly",
        points: 0,
        hits: 1,
        reason: `risk ${score} >= ${threshold} from ${categories.join(", ")}`,
      },
    ],
    baseScore: score,
    growth: "max",
    scoring: `the entity's risk score: 100 x (1 - e^(-points/25)) of its decayed detection points (${points.toFixed(1)} now), raised when >= ${threshold} with harm of two or more kinds`,
    detail: { risk: { score, points: Math.round(points * 10) / 10, categories } },
  };
}
