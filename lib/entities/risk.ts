// Entity risk in the database: one row per entity, updated with one atomic statement per batch
// (decay since the last update, then add), so several instances adding risk to the same entity
// never lose each other's points. Each change also leaves a sample for the entity's history.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { Entity } from "@/lib/detection/candidates.ts";
import type { RawExecutor } from "@/lib/db/raw.ts";
import type { RiskContribution } from "@/lib/detection/batch-effects.ts";
import { decayedPoints, recentCategories, riskScore } from "@/lib/detection/risk.ts";

export interface EntityRiskNow {
  entity: Entity;
  points: number;
  score: number;
  /** Kinds of harm seen within the last few half-lives. */
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

// Raw SQL (lib/db/raw.ts): these run for every ingest batch that scored anything.
const ADD_RISK = `
  INSERT INTO "EntityRisk" ("orgId", "entityType", "entityValue", "points", "updatedAt", "categories")
  SELECT $1::uuid, t.type, t.value, t.points, $2::timestamptz, t.categories::jsonb
  FROM unnest($3::text[], $4::text[], $5::float8[], $6::text[]) AS t(type, value, points, categories)
  ON CONFLICT ("orgId", "entityType", "entityValue") DO UPDATE SET
    "points" = "EntityRisk"."points" * power(0.5, GREATEST(0, EXTRACT(EPOCH FROM (excluded."updatedAt" - "EntityRisk"."updatedAt")) * 1000) / $7::float8) + excluded."points",
    "updatedAt" = GREATEST(excluded."updatedAt", "EntityRisk"."updatedAt"),
    "categories" = "EntityRisk"."categories" || excluded."categories"
  RETURNING "entityType", "entityValue", "points", "categories"`;

const ADD_SAMPLES = `
  INSERT INTO "EntityRiskSample" ("orgId", "entityType", "entityValue", "at", "score", "points")
  SELECT $1::uuid, t.type, t.value, $2::timestamptz, t.score, t.points FROM unnest($3::text[], $4::text[], $5::int[], $6::float8[]) AS t(type, value, score, points)`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** In the batch's detection transaction (lib/pipeline/commit-detection.ts), which retries the whole on a deadlock. */
export async function addRisk(
  query: RawExecutor,
  orgId: string,
  contributions: RiskContribution[],
  halfLifeMinutes: number,
  now = new Date(),
): Promise<EntityRiskNow[]> {
  // Rows in one fixed order: concurrent batches upserting the same entities then lock them in the
  // same order and wait for each other instead of deadlocking.
  const summed = sumContributions(contributions).sort(
    (a, b) => compare(a.entity.type, b.entity.type) || compare(a.entity.value, b.entity.value),
  );
  if (summed.length === 0) return [];
  const halfLifeMs = halfLifeMinutes * 60_000;
  const rows = await query<{
    entityType: string;
    entityValue: string;
    points: number;
    categories: Record<string, string>;
  }>(ADD_RISK, [
    orgId,
    now,
    summed.map((c) => c.entity.type),
    summed.map((c) => c.entity.value),
    summed.map((c) => c.points),
    summed.map((c) => JSON.stringify(Object.fromEntries(c.categories.map((k) => [k, now.toISOString()])))),
    halfLifeMs,
  ]);
  const result = rows.map((row) => ({
    entity: { type: row.entityType as Entity["type"], value: row.entityValue },
    points: Number(row.points),
    score: riskScore(Number(row.points)),
    categories: recentCategories(row.categories, now, halfLifeMs),
  }));
  await query(ADD_SAMPLES, [
    orgId,
    now,
    result.map((r) => r.entity.type),
    result.map((r) => r.entity.value),
    result.map((r) => r.score),
    result.map((r) => r.points),
  ]);
  return result;
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
