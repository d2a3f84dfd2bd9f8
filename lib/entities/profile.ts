// What an analyst wants on an entity page: its risk now and over time, its alerts, its recent
// events and whether it is blocked.
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { alertView } from "@/lib/alerts/query.ts";
import type { Entity } from "@/lib/detection/candidates.ts";
import { blockFor } from "@/lib/response/blocks.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
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
  const [risk, history, alerts, events, block] = await Promise.all([
    currentRisk(db, orgId, entity, settings.riskHalfLifeMinutes, now),
    riskHistory(db, orgId, entity, new Date(now.getTime() - HISTORY_DAYS * 86_400_000)),
    db.alert.findMany({
      where: { orgId, entityType: entity.type, entityValue: entity.value },
      orderBy: { lastSeenAt: "desc" },
      take: 50,
    }),
    db.event.findMany({ where: { orgId, ...eventWhere }, orderBy: { timestamp: "desc" }, take: 50 }),
    entity.type === "ip" ? blockFor(db, orgId, entity.value, now) : null,
  ]);
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
    block: block ? { id: block.id, reason: block.reason, expiresAt: block.expiresAt.toISOString() } : null,
  };
}
