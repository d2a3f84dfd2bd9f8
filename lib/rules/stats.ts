// Hit counts per rule for the rules page: one statement per batch, additive across instances.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RawExecutor } from "@/lib/db/raw.ts";

const RECORD_HITS = `
  INSERT INTO "RuleStat" ("orgId", "ruleId", "hits", "lastHitAt")
  SELECT $1::uuid, t.id, t.n, $2::timestamptz FROM unnest($3::text[], $4::int8[]) AS t(id, n)
  ON CONFLICT ("orgId", "ruleId") DO UPDATE SET "hits" = "RuleStat"."hits" + excluded."hits", "lastHitAt" = GREATEST("RuleStat"."lastHitAt", excluded."lastHitAt")`;

/** In the batch's detection transaction (lib/pipeline/commit-detection.ts), with its alerts: counted once. */
export async function recordRuleHits(query: RawExecutor, orgId: string, hits: Map<string, number>, now = new Date()) {
  if (hits.size === 0) return;
  // Sorted, so concurrent batches lock the same rows in the same order (no deadlock).
  const ids = [...hits.keys()].sort();
  await query(RECORD_HITS, [orgId, now, ids, ids.map((id) => hits.get(id)!)]);
}

export async function ruleHits(
  db: PrismaClient,
  orgId: string,
): Promise<Map<string, { hits: number; lastHitAt: Date }>> {
  const rows = await db.ruleStat.findMany({ where: { orgId } });
  return new Map(rows.map((r) => [r.ruleId, { hits: Number(r.hits), lastHitAt: r.lastHitAt }]));
}
