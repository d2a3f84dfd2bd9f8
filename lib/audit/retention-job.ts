// Runs audit retention at start and then daily. Several instances may run it: each run locks
// the org's chain, so they take turns and a second run finds nothing left to remove.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { logger } from "@/lib/log.ts";
import { applyAuditRetention } from "./retention.ts";

const DAY_MS = 86_400_000;

export function startAuditRetentionJob(db: PrismaClient, options: { retentionDays: number; checkpointKey: Buffer }) {
  const run = async () => {
    try {
      for (const org of await db.org.findMany({ select: { id: true } })) {
        const result = await applyAuditRetention(db, { orgId: org.id, ...options });
        if (result.removed) logger().info({ orgId: org.id, ...result }, "audit retention applied");
      }
    } catch (error) {
      logger().error({ err: error }, "audit retention failed");
    }
  };
  let current: Promise<void> = run();
  const timer = setInterval(() => (current = run()), DAY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
