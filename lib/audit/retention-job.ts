// Runs audit retention at start and then daily. Several instances may run it: each run locks
// the org's chain, so they take turns and a second run finds nothing left to remove.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { logger } from "@/lib/log.ts";
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import { applyAuditRetention } from "./retention.ts";

const DAY_MS = 86_400_000;

export function startAuditRetentionJob(db: PrismaClient, options: { retentionDays: number; checkpointKey: Buffer }) {
  return startPeriodicJob("audit retention", DAY_MS, async () => {
    for (const org of await db.org.findMany({ select: { id: true } })) {
      const result = await applyAuditRetention(db, { orgId: org.id, ...options });
      if (result.removed) logger().info({ orgId: org.id, ...result }, "audit retention applied");
    }
  });
}
