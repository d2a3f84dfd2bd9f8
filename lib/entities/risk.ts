// Entity risk in the database, as read for the console: one row per entity (points as of
// updatedAt, decayed on reading) and its samples for the history. Detection adds to it
// (lib/pipeline/detection-counters.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { Entity } from "@/lib/detection/candidates.ts";
import { decayedPoints, recentCategories, riskScore } from "@/lib/detection/risk.ts";

export interface EntityRiskNow {
  entity: Entity;
  points: number;
  score: number;
  /** Kinds of harm seen within the last few half-lives. */
  categories: string[];
}

export async function currentRisk(
  db: PrismaClient,
  orgId: string,
  entity: Entity,
  halfLifeMinutes: number,
  now = new Date(),
): Promise<EntityRiskNow> {
  const row = await db.entityRisk.findUnique({
    where: { orgId_entityType_entityValue: { orgId, entityType: entity.type, entityValue: entity.value } },
  });
  if (!row) return { entity, points: 0, score: 0, categories: [] };
  const halfLifeMs = halfLifeMinutes * 60_000;
  const points = decayedPoints(row.points, now.getTime() - row.updatedAt.getTime(), halfLifeMs);
  return {
    entity,
    points,
    score: riskScore(points),
    categories: recentCategories(row.categories as Record<string, string>, now, halfLifeMs),
  };
}

export async function riskHistory(db: PrismaClient, orgId: string, entity: Entity, since: Date) {
  const samples = await db.entityRiskSample.findMany({
    where: { orgId, entityType: entity.type, entityValue: entity.value, at: { gte: since } },
    orderBy: { at: "asc" },
    take: 1000,
    select: { at: true, score: true },
  });
  return samples.map((s) => ({ at: s.at.toISOString(), score: s.score }));
}

/** The riskiest entities now (decayed), for the dashboard. */
export async function topRiskyEntities(
  db: PrismaClient,
  orgId: string,
  type: Entity["type"],
  halfLifeMinutes: number,
  limit = 10,
  now = new Date(),
) {
  const rows = await db.entityRisk.findMany({
    where: { orgId, entityType: type, updatedAt: { gte: new Date(now.getTime() - 8 * halfLifeMinutes * 60_000) } },
    orderBy: { points: "desc" },
    take: limit * 5,
  });
  return rows
    .map((row) => ({
      type,
      value: row.entityValue,
      score: riskScore(decayedPoints(row.points, now.getTime() - row.updatedAt.getTime(), halfLifeMinutes * 60_000)),
    }))
    .filter((e) => e.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
