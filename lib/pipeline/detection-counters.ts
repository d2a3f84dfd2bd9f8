// The counters a batch's detection adds to, inside its transaction (commit-detection.ts), which
// retries the whole on a deadlock: entity risk, hits per rule, hits per suppression. Each is one
// statement per batch, rows in sorted order (concurrent batches lock them in one order), and
// additive in SQL, so several instances counting at once never lose each other's counts. The
// console reads them in lib/entities/risk.ts, lib/rules/stats.ts and lib/alerts/suppressions.ts.
import { plannedOnce, type RawExecutor } from "@/lib/db/raw.ts";
import { sumContributions, type RiskContribution } from "@/lib/detection/batch-effects.ts";
import type { Entity } from "@/lib/detection/candidates.ts";
import { recentCategories, riskScore } from "@/lib/detection/risk.ts";
import type { EntityRiskNow } from "@/lib/entities/risk.ts";

// Raw SQL (lib/db/raw.ts): these run for every ingest batch that scored anything.
const ADD_RISK = plannedOnce(`
  INSERT INTO "EntityRisk" ("orgId", "entityType", "entityValue", "points", "updatedAt", "categories")
  SELECT $1::uuid, t.type, t.value, t.points, $2::timestamptz, t.categories::jsonb
  FROM unnest($3::text[], $4::text[], $5::float8[], $6::text[]) AS t(type, value, points, categories)
  ON CONFLICT ("orgId", "entityType", "entityValue") DO UPDATE SET
    "points" = "EntityRisk"."points" * power(0.5, GREATEST(0, EXTRACT(EPOCH FROM (excluded."updatedAt" - "EntityRisk"."updatedAt")) * 1000) / $7::float8) + excluded."points",
    "updatedAt" = GREATEST(excluded."updatedAt", "EntityRisk"."updatedAt"),
    "categories" = "EntityRisk"."categories" || excluded."categories"
  RETURNING "entityType", "entityValue", "points", "categories"`);

const ADD_SAMPLES = plannedOnce(`
  INSERT INTO "EntityRiskSample" ("orgId", "entityType", "entityValue", "at", "score", "points")
  SELECT $1::uuid, t.type, t.value, $2::timestamptz, t.score, t.points FROM unnest($3::text[], $4::text[], $5::int[], $6::float8[]) AS t(type, value, score, points)`);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

const RECORD_HITS = plannedOnce(`
  INSERT INTO "RuleStat" ("orgId", "ruleId", "hits", "lastHitAt")
  SELECT $1::uuid, t.id, t.n, $2::timestamptz FROM unnest($3::text[], $4::int8[]) AS t(id, n)
  ON CONFLICT ("orgId", "ruleId") DO UPDATE SET "hits" = "RuleStat"."hits" + excluded."hits", "lastHitAt" = GREATEST("RuleStat"."lastHitAt", excluded."lastHitAt")`);

export async function recordRuleHits(query: RawExecutor, orgId: string, hits: Map<string, number>, now = new Date()) {
  if (hits.size === 0) return;
  // Sorted, so concurrent batches lock the same rows in the same order (no deadlock).
  const ids = [...hits.keys()].sort();
  await query(RECORD_HITS, [orgId, now, ids, ids.map((id) => hits.get(id)!)]);
}

// One statement, ids sorted (concurrent batches lock the rows in one order). A suppression lifted
// and deleted meanwhile is simply not counted, where the update of a missing row used to throw.
const COUNT_HITS = plannedOnce(`
  UPDATE "Suppression" AS s SET "hits" = s."hits" + t.n, "lastHitAt" = $1::timestamptz
  FROM unnest($2::uuid[], $3::int[]) AS t(id, n) WHERE s."id" = t.id`);

export async function countSuppressedHits(query: RawExecutor, hits: Map<string, number>, now = new Date()) {
  if (hits.size === 0) return;
  const ids = [...hits.keys()].sort();
  await query(COUNT_HITS, [now, ids, ids.map((id) => hits.get(id)!)]);
}
