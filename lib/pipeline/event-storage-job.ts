// Keeps the events table's partitions made ahead and applies each org's retention (and the
// rollups' own): at start and then hourly (an hour's lag past midnight at most). Several instances
// may run it: partition changes take an advisory lock, so they take turns and the second finds
// nothing to do.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { logger } from "@/lib/log.ts";
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import { deleteRollupsBefore } from "@/lib/stats/event-rollups.ts";
import { ensureAllEventPartitions } from "./event-retention.ts";
import { sqlEventStore } from "./event-store.ts";

const HOUR_MS = 3_600_000;
/**
 * The rollups outlive the events (they are what the charts of dropped days read) but are kept
 * for a fixed span, whatever the event retention: minute rows of a busy org are tens of millions
 * a year.
 */
export const ROLLUP_RETENTION_DAYS = 90;

export async function maintainEventStorage(db: PrismaClient, now = new Date()) {
  const made = await ensureAllEventPartitions(db, now);
  if (made.length) logger().info({ partitions: made.length }, "event partitions made");
  for (const org of await db.org.findMany({ select: { id: true } })) {
    const result = await sqlEventStore(db).dropExpired(org.id, now);
    if (result.events || result.days.length)
      logger().info({ orgId: org.id, cutoff: result.cutoff, events: result.events }, "event retention applied");
    await deleteRollupsBefore(db, org.id, new Date(now.getTime() - ROLLUP_RETENTION_DAYS * 86_400_000));
  }
}

export function startEventStorageJob(db: PrismaClient) {
  return startPeriodicJob("event storage", HOUR_MS, () => maintainEventStorage(db));
}
