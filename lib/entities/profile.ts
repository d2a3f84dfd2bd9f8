// What an analyst wants on an entity page: its risk now and over time, its alerts, its recent
// events, its events per hour (from the entity rollups: the same cost however many it sent) and
// whether it is blocked.
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { alertView } from "@/lib/alerts/query.ts";
import type { Entity } from "@/lib/detection/candidates.ts";
import { blockFor } from "@/lib/response/blocks.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
import { countEntityEvents, HOUR_MS } from "@/lib/stats/event-rollups.ts";
import { currentRisk, riskHistory } from "./risk.ts";

export const ENTITY_TYPES = ["ip", "user", "host"] as const;

const HISTORY_DAYS = 7;

export async function entityProfile(db: PrismaClient, orgId: string, entity: Entity, now = new Date()) {
  const settings = await detectionSettings(db, orgId);
  const eventWhere =
    entity.type === "ip"
      ? { sourceIp: entity.value }
      : entity.type === "user"
        ? { userName: entity.value }
        : { hostName: entity.value };
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const [risk, history, alerts, events, block, eventSeries] = await Promise.all([
    currentRisk(db, orgId, entity, settings.riskHalfLifeMinutes, now),
    riskHistory(db, orgId, entity, since),
    db.alert.findMany({
      where: { orgId, entityType: entity.type, entityValue: entity.value },
      orderBy: { lastSeenAt: "desc" },
      take: 50,
    }),
    db.event.findMany({ where: { orgId, ...eventWhere }, orderBy: { timestamp: "desc" }, take: 50 }),
    entity.type === "ip" ? blockFor(db, orgId, entity.value, now) : null,
    countEntityEvents(db, orgId, entity, since, now),
  ]);
  const lastDay = eventSeries.slice(-24);
  const sum = (points: typeof eventSeries, key: "count" | "failures") => points.reduce((n, p) => n + p[key], 0);
  return {
    entity,
    risk: {
      score: risk.score,
      points: Math.round(risk.points * 10) / 10,
      categories: risk.categories,
      halfLifeMinutes: settings.riskHalfLifeMinutes,
    },
    history,
    alerts: alerts.map(alertView),
    events: events.map((e) => ({
      id: e.eventId,
      timestamp: e.timestamp.toISOString(),
      action: e.action,
      outcome: e.outcome,
      module: e.module,
      url: e.urlOriginal,
      message: e.message,
      doc: storedDocument(e),
    })),
    /** Events per hour over the history's days, from the hour holding its start to the current one. */
    eventSeries: { bucketSeconds: HOUR_MS / 1000, points: eventSeries },
    /** The last 24 hours of the series (the current hour and the 23 before) and all of it. */
    eventCounts: {
      last24h: sum(lastDay, "count"),
      failuresLast24h: sum(lastDay, "failures"),
      total: sum(eventSeries, "count"),
      failures: sum(eventSeries, "failures"),
    },
    block: block ? { id: block.id, reason: block.reason, expiresAt: block.expiresAt.toISOString() } : null,
  };
}
