// SECURENET_DEMO: a built-in simulator so a newcomer sees live alerts within seconds. Every
// second it sends a small batch of mixed traffic through the same ingest and detection services
// as POST /api/v1/events, for the default org.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { defaultOrgId } from "@/lib/db/seed.ts";
import { detect } from "@/lib/pipeline/run-detection.ts";
import { ingestEvents } from "@/lib/pipeline/store-events.ts";
import { startPeriodicJob, type PeriodicJob } from "@/lib/server/periodic-job.ts";
import { TrafficGenerator } from "./traffic.ts";

export const DEMO_EVENTS_PER_SECOND = 12;

export function startDemoSimulator(
  db: PrismaClient,
  onAlerts?: (orgId: string, alertIds: string[]) => void,
): PeriodicJob {
  const traffic = new TrafficGenerator({ attackShare: 0.15, idPrefix: "demo" });
  let orgId: string | null = null;
  return startPeriodicJob("demo simulator", 1_000, async () => {
    orgId ??= await defaultOrgId(db);
    const result = await ingestEvents(
      db,
      orgId,
      traffic.batch(DEMO_EVENTS_PER_SECOND).map((value) => ({ value })),
      { apiKeyId: null },
    );
    const alerts = await detect(db, orgId, result.stored);
    if (alerts.length)
      onAlerts?.(
        orgId,
        alerts.map((a) => a.id),
      );
  });
}
