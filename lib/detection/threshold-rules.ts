// Threshold (frequency) rules in the spirit of Wazuh frequency rules and Sigma correlations:
// N matching events per entity within a sliding window. Points are on the OWASP CRS scale
// (critical 5, error 4, warning 3, notice 2).
import type { EventFields } from "@/lib/detection/event.ts";
import type { AttackTechniqueId } from "@/lib/vocabulary.ts";
import { RECENT_EVENTS_KEPT, type WindowStore } from "./window-store.ts";

export type EntityType = "ip" | "user" | "host";

export interface ThresholdRule {
  id: string;
  title: string;
  category: "brute_force" | "credential_stuffing" | "recon";
  technique: AttackTechniqueId;
  points: number;
  threshold: number;
  windowMs: number;
  entity: EntityType;
  matches(event: EventFields): boolean;
  entityOf(event: EventFields): string | null;
  /** For "distinct" rules: what is counted once per entity (e.g. the user names tried). */
  distinct?(event: EventFields): string | null;
}

const MINUTE = 60_000;
const failedAuth = (e: EventFields) => e.outcome === "failure" && e.category.includes("authentication");

export const THRESHOLD_RULES: ThresholdRule[] = [
  {
    id: "sn-brute-force-ip",
    title: "Brute force: repeated failed logins from one source",
    category: "brute_force",
    technique: "T1110.001",
    points: 5,
    threshold: 5,
    windowMs: MINUTE,
    entity: "ip",
    matches: failedAuth,
    entityOf: (e) => e.sourceIp,
  },
  {
    // One account attacked from many addresses (a single source is already the rule above).
    id: "sn-brute-force-user-distributed",
    title: "Distributed brute force: failed logins for one user from many sources",
    category: "brute_force",
    technique: "T1110.001",
    points: 4,
    threshold: 5,
    windowMs: 10 * MINUTE,
    entity: "user",
    matches: failedAuth,
    entityOf: (e) => e.userName || null,
    distinct: (e) => e.sourceIp,
  },
  {
    id: "sn-password-spraying",
    title: "Password spraying: failed logins for many users from one source",
    category: "credential_stuffing",
    technique: "T1110.003",
    points: 5,
    threshold: 5,
    windowMs: 5 * MINUTE,
    entity: "ip",
    matches: failedAuth,
    entityOf: (e) => e.sourceIp,
    distinct: (e) => e.userName ?? null,
  },
  {
    id: "sn-web-scan-404",
    title: "Scan: many distinct missing paths from one source",
    category: "recon",
    technique: "T1595.003",
    points: 3,
    threshold: 20,
    windowMs: MINUTE,
    entity: "ip",
    matches: (e) => e.httpStatus === 404,
    entityOf: (e) => e.sourceIp,
    distinct: (e) => e.urlOriginal?.split("?")[0] ?? null,
  },
];

export interface ThresholdHit {
  rule: ThresholdRule;
  entity: { type: EntityType; value: string };
  event: EventFields;
  /** Matching events (or distinct members) in the window, including this one. */
  count: number;
  /** At the crossing (count = threshold): the matching events before this one still in the window. */
  leadIn: { eventId: string; timestamp: Date }[];
}

/** Feeds events through the rules in time order; a hit is every matching event at or past the threshold. */
export async function evaluateThresholds(
  events: EventFields[],
  store: WindowStore,
  orgId: string,
  rules: ThresholdRule[] = THRESHOLD_RULES,
): Promise<ThresholdHit[]> {
  const hits: ThresholdHit[] = [];
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  for (const event of ordered) {
    for (const rule of rules) {
      if (!rule.matches(event)) continue;
      const value = rule.entityOf(event);
      if (!value) continue;
      const member = rule.distinct ? (rule.distinct(event) ?? undefined) : undefined;
      if (rule.distinct && member === undefined) continue;
      const key = `${orgId}:${rule.id}:${value}`;
      const at = event.timestamp.getTime();
      const count = await store.add(key, at, rule.windowMs, member, event.eventId);
      if (count < rule.threshold) continue;
      const leadIn =
        count === rule.threshold
          ? (await store.recent(key, at - rule.windowMs, RECENT_EVENTS_KEPT)).filter(
              // What led up to this one: a redone batch's later events are in the store already.
              (e) => e.eventId !== event.eventId && e.at <= at,
            )
          : [];
      hits.push({
        rule,
        entity: { type: rule.entity, value },
        event,
        count,
        leadIn: leadIn.map((e) => ({ eventId: e.eventId, timestamp: new Date(e.at) })),
      });
    }
  }
  return hits;
}
