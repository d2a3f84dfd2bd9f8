// Hourly clean-up of identity state: sign-in counters that have gone quiet and sessions that
// ended more than 30 days ago (recent ones stay listed for investigation).
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import { pruneThrottle } from "./throttle.ts";

const HOUR_MS = 3_600_000;
const KEEP_ENDED_SESSIONS_MS = 30 * 24 * HOUR_MS;

export function startIdentityHousekeeping(db: PrismaClient) {
  return startPeriodicJob("identity housekeeping", HOUR_MS, async () => {
    const now = new Date();
    await pruneThrottle(db, now);
    const cutoff = new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS);
    await db.userSession.deleteMany({ where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] } });
  });
}
