// Hit counts per rule for the rules page (detection counts them: lib/pipeline/detection-counters.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export async function ruleHits(
  db: PrismaClient,
  orgId: string,
): Promise<Map<string, { hits: number; lastHitAt: Date }>> {
  const rows = await db.ruleStat.findMany({ where: { orgId } });
  return new Map(rows.map((r) => [r.ruleId, { hits: Number(r.hits), lastHitAt: r.lastHitAt }]));
}
