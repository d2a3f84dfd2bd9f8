// Turns rule hits into alerts. Hits on the same rule and entity update one active alert (count,
// last seen, score, matched events) instead of raising another; a per-group advisory lock keeps
// that true with several writers. Score: the rule's CRS points x 10 at the threshold, plus 2 per
// further matching event, capped at 100, so a growing attack escalates the same alert.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { severityOf } from "./severity.ts";
import type { ThresholdHit } from "./threshold-rules.ts";

/** A hit more than this long after an alert's last one starts a new alert. */
export const DEDUP_WINDOW_MS = 60 * 60_000;
const MAX_EVENT_IDS = 100;
const CLOSED = ["resolved", "false_positive"];

export interface AlertSummary {
  id: string;
  severity: string;
  score: number;
  rules: string[];
}

export function scoreFor(points: number, threshold: number, count: number): number {
  return Math.min(100, points * 10 + 2 * Math.max(0, count - threshold));
}

export async function raiseAlerts(db: PrismaClient, orgId: string, hits: ThresholdHit[]): Promise<AlertSummary[]> {
  const groups = new Map<string, ThresholdHit[]>();
  for (const hit of hits) {
    const key = `${hit.rule.id}:${hit.entity.type}:${hit.entity.value}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  const summaries: AlertSummary[] = [];
  for (const [groupKey, group] of groups) {
    const { rule, entity } = group[0]!;
    const last = group.at(-1)!;
    const eventIds = group.map((h) => h.event.eventId);
    const alert = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`securenet:alert:${orgId}:${groupKey}`}))`;
      const open = await tx.alert.findFirst({
        where: { orgId, groupKey, status: { notIn: CLOSED }, lastSeenAt: { gt: new Date(group[0]!.event.timestamp.getTime() - DEDUP_WINDOW_MS) } },
        orderBy: { lastSeenAt: "desc" },
      });
      const count = (open?.count ?? 0) + group.length;
      const score = scoreFor(rule.points, rule.threshold, rule.threshold - 1 + count);
      const breakdown = {
        rules: [{ id: rule.id, title: rule.title, category: rule.category, points: rule.points, technique: rule.technique, threshold: rule.threshold, windowSeconds: rule.windowMs / 1000 }],
        entity,
        matchedEvents: count,
        windowCount: last.count,
        scoring: `${rule.points} points x 10 at the threshold of ${rule.threshold}, +2 for each further matching event (max 100)`,
      } satisfies Prisma.InputJsonObject;
      const data = { severity: severityOf(score), score, count, lastSeenAt: last.event.timestamp, breakdown };
      if (open) {
        return tx.alert.update({ where: { id: open.id }, data: { ...data, eventIds: [...open.eventIds, ...eventIds].slice(-MAX_EVENT_IDS) } });
      }
      return tx.alert.create({
        data: {
          ...data,
          orgId,
          groupKey,
          ruleId: rule.id,
          title: `${rule.title}: ${entity.value}`,
          category: rule.category,
          entityType: entity.type,
          entityValue: entity.value,
          techniques: [rule.technique],
          firstSeenAt: group[0]!.event.timestamp,
          eventIds: eventIds.slice(-MAX_EVENT_IDS),
        },
      });
    });
    summaries.push({ id: alert.id, severity: alert.severity, score: alert.score, rules: [alert.ruleId] });
  }
  return summaries;
}
