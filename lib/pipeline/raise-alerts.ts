// Raise: turns candidates into alerts, inside the batch's detection transaction (commit-detection.ts). Hits on the same rule group and entity update one active alert
// (count, last seen, score, matched events, contributing rules) instead of raising another; a
// per-group advisory lock keeps that true with several writers. A growing attack escalates the
// same alert: +2 per further event for event-driven alerts, the highest risk for risk alerts.
import { Prisma, type Alert } from "@/lib/generated/prisma/client.ts";
import { alertView, type AlertView } from "@/lib/alerts/query.ts";
import type { AlertCandidate, RuleContribution } from "@/lib/detection/candidates.ts";
import { plannedOnce, type RawExecutor } from "@/lib/db/raw.ts";
import { severityOf } from "@/lib/detection/severity.ts";
import { CLOSED_ALERT_STATUSES } from "@/lib/vocabulary.ts";

/** A hit more than this long after an alert's last one starts a new alert. */
export const DEDUP_WINDOW_MS = 60 * 60_000;
const MAX_EVENT_IDS = 100;

// The locks as a count: a void column is one Prisma's raw queries cannot return.
const LOCK_GROUPS = plannedOnce(
  `SELECT count(l::text)::int AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(k)) AS l FROM unnest($1::text[]) AS k ORDER BY k) AS s`,
);

// Every column but the matched event ids: those are appended in SQL, so the hundred ids of each
// busy alert are not read and written back by every batch.
type AlertRow = Omit<Alert, "eventIds">;
const COLUMNS = Object.values(Prisma.AlertScalarFieldEnum).filter((c) => c !== "eventIds");
const ALERT_COLUMNS = (table: string) => COLUMNS.map((c) => `${table}."${c}"`).join(", ");

const OPEN_ALERTS = `
  SELECT ${ALERT_COLUMNS('"Alert"')} FROM "Alert"
  WHERE "orgId" = $1::uuid AND "groupKey" = ANY($2::text[]) AND NOT ("status" = ANY($3::text[])) AND "lastSeenAt" > $4::timestamptz
  ORDER BY "lastSeenAt" ASC`;

const UPDATE_ALERTS = plannedOnce(`
  UPDATE "Alert" AS a SET "severity" = r."severity", "score" = r."score", "count" = r."count", "lastSeenAt" = r."lastSeenAt",
    "breakdown" = r."breakdown", "techniques" = r."techniques", "updatedAt" = now(),
    "eventIds" = (a."eventIds" || r."eventIds")[GREATEST(1, cardinality(a."eventIds") + cardinality(r."eventIds") - ${MAX_EVENT_IDS - 1}):]
  FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, "severity" text, "score" int, "count" int, "lastSeenAt" timestamptz,
    "breakdown" jsonb, "techniques" text[], "eventIds" text[])
  WHERE a."id" = r."id"
  RETURNING ${ALERT_COLUMNS("a")}`);

const INSERT_ALERTS = plannedOnce(`
  INSERT INTO "Alert" ("id", "orgId", "groupKey", "ruleId", "title", "category", "severity", "score", "status", "entityType", "entityValue",
    "techniques", "count", "firstSeenAt", "lastSeenAt", "breakdown", "eventIds", "createdAt", "updatedAt")
  SELECT gen_random_uuid(), $1::uuid, r."groupKey", r."ruleId", r."title", r."category", r."severity", r."score", 'new', r."entityType",
    r."entityValue", r."techniques", r."count", r."firstSeenAt", r."lastSeenAt", r."breakdown", r."eventIds", now(), now()
  FROM jsonb_to_recordset($2::jsonb) AS r("groupKey" text, "ruleId" text, "title" text, "category" text, "severity" text,
    "score" int, "entityType" text, "entityValue" text, "techniques" text[], "count" int, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz,
    "breakdown" jsonb, "eventIds" text[])
  RETURNING ${ALERT_COLUMNS('"Alert"')}`);

/** An alert a batch created or updated (the realtime feed has its own AlertSummary). */
export interface RaisedAlert {
  id: string;
  severity: string;
  score: number;
  rules: string[];
  /** Whether this call created it (else it updated an open one). */
  created: boolean;
  entity: { type: string; value: string };
  view: AlertView;
}

interface StoredBreakdown {
  baseScore?: number;
  /** Events counted before the threshold was reached: they do not raise the score. */
  leadIn?: number;
  rules?: RuleContribution[];
  entities?: AlertCandidate["entities"];
}

function mergeRules(before: RuleContribution[], added: RuleContribution[]): RuleContribution[] {
  const byId = new Map(before.map((r) => [r.id, { ...r }]));
  for (const rule of added) {
    const seen = byId.get(rule.id);
    if (seen) seen.hits += rule.hits;
    else byId.set(rule.id, { ...rule });
  }
  return [...byId.values()].sort((a, b) => b.points - a.points || a.id.localeCompare(b.id));
}

export function escalatedScore(
  candidate: AlertCandidate,
  previous: { score: number; baseScore: number } | null,
  count: number,
): number {
  const base = Math.max(previous?.baseScore ?? 0, candidate.baseScore);
  if (candidate.growth === "max") return Math.min(100, Math.max(previous?.score ?? 0, base));
  return Math.min(100, base + 2 * Math.max(0, count - 1));
}

/** A new alert's event ids: the lead-in and the hits, in time order. */
function withLeadIn(
  leadIn: { eventId: string; timestamp: Date }[],
  events: { eventId: string; timestamp: Date }[],
  eventIds: string[],
): string[] {
  if (leadIn.length === 0) return eventIds;
  return [...leadIn, ...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime()).map((e) => e.eventId);
}

interface Prepared {
  candidate: AlertCandidate;
  first: Date;
  last: Date;
  eventIds: string[];
}

/**
 * All candidates of a batch, in the caller's transaction (raw SQL: this runs for every ingest
 * batch): group locks taken in key order (no deadlocks), held until that transaction ends.
 */
export async function raiseAlerts(
  query: RawExecutor,
  orgId: string,
  candidates: AlertCandidate[],
): Promise<RaisedAlert[]> {
  if (candidates.length === 0) return [];
  const byKey = new Map<string, Prepared>();
  for (const candidate of candidates) {
    const first = candidate.events[0]?.timestamp ?? candidate.seenAt ?? new Date();
    const last = candidate.events.at(-1)?.timestamp ?? candidate.seenAt ?? first;
    byKey.set(candidate.groupKey, { candidate, first, last, eventIds: candidate.events.map((e) => e.eventId) });
  }
  const keys = [...byKey.keys()].sort();
  await query(LOCK_GROUPS, [keys.map((k) => `securenet:alert:${orgId}:${k}`)]);
  const earliest = new Date(Math.min(...[...byKey.values()].map((p) => p.first.getTime())) - DEDUP_WINDOW_MS);
  const openRows = await query<AlertRow>(OPEN_ALERTS, [orgId, keys, [...CLOSED_ALERT_STATUSES], earliest]);
  const openByKey = new Map(openRows.map((a) => [a.groupKey, a]));
  const updates: Record<string, unknown>[] = [];
  const creates: Record<string, unknown>[] = [];
  for (const key of keys) {
    const { candidate, first, last, eventIds } = byKey.get(key)!;
    const candidateOpen = openByKey.get(key);
    const open =
      candidateOpen && candidateOpen.lastSeenAt.getTime() > first.getTime() - DEDUP_WINDOW_MS
        ? candidateOpen
        : undefined;
    const before = (open?.breakdown ?? {}) as StoredBreakdown;
    const leadIn = open ? [] : (candidate.leadIn ?? []);
    const leadInCount = open ? (before.leadIn ?? 0) : leadIn.length;
    const count = (open?.count ?? 0) + leadIn.length + Math.max(1, candidate.events.length);
    const baseScore = Math.max(before.baseScore ?? 0, candidate.baseScore);
    const score = escalatedScore(
      candidate,
      open ? { score: open.score, baseScore: before.baseScore ?? 0 } : null,
      count - leadInCount,
    );
    const entities = [
      ...new Map([...(before.entities ?? []), ...candidate.entities].map((e) => [`${e.type}:${e.value}`, e])).values(),
    ].slice(0, 20);
    const breakdown = {
      score,
      baseScore,
      rules: mergeRules(before.rules ?? [], candidate.rules),
      entity: candidate.entity,
      entities,
      matchedEvents: count,
      ...(leadInCount ? { leadIn: leadInCount } : {}),
      scoring: candidate.scoring,
      ...candidate.detail,
    };
    const lastSeenAt = open && open.lastSeenAt > last ? open.lastSeenAt : last;
    const techniques = [...new Set([...(open?.techniques ?? []), ...candidate.techniques])];
    const row = {
      severity: severityOf(score),
      score,
      count,
      lastSeenAt: lastSeenAt.toISOString(),
      breakdown,
      techniques,
    };
    if (open) updates.push({ ...row, id: open.id, eventIds: eventIds.slice(-MAX_EVENT_IDS) });
    else {
      creates.push({
        ...row,
        groupKey: candidate.groupKey,
        ruleId: candidate.ruleId,
        title: candidate.title,
        category: candidate.category,
        entityType: candidate.entity.type,
        entityValue: candidate.entity.value,
        firstSeenAt: new Date(Math.min(first.getTime(), leadIn[0]?.timestamp.getTime() ?? Infinity)).toISOString(),
        eventIds: withLeadIn(leadIn, candidate.events, eventIds).slice(-MAX_EVENT_IDS),
      });
    }
  }
  // Two statements for the whole batch, whatever its size (one round trip each).
  const updated = updates.length ? await query<AlertRow>(UPDATE_ALERTS, [JSON.stringify(updates)]) : [];
  const created = creates.length ? await query<AlertRow>(INSERT_ALERTS, [orgId, JSON.stringify(creates)]) : [];
  const results = [
    ...updated.map((alert) => ({ alert, created: false })),
    ...created.map((alert) => ({ alert, created: true })),
  ];
  return results.map(({ alert, created }) => ({
    id: alert.id,
    severity: alert.severity,
    score: alert.score,
    rules: ((alert.breakdown as StoredBreakdown).rules ?? []).map((r) => r.id),
    created,
    entity: { type: alert.entityType, value: alert.entityValue },
    view: alertView(alert),
  }));
}
