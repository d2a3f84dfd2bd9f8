// SECURENET_DEMO: a built-in simulator so a newcomer sees live alerts within seconds. Every
// second it sends a small batch of mixed traffic through the same ingest and detection services
// as POST /api/v1/events, for the default org.
import { defaultOrgId } from "@/lib/orgs/default-org.ts";
import { ingestBatch } from "@/lib/pipeline/ingest-batch.ts";
import type { PipelineDeps } from "@/lib/pipeline/pipeline-deps.ts";
import { startPeriodicJob, type PeriodicJob } from "@/lib/server/periodic-job.ts";
import { TrafficGenerator } from "./traffic.ts";

export const DEMO_EVENTS_PER_SECOND = 12;

export function startDemoSimulator(
  deps: PipelineDeps,
  onAlerts?: (orgId: string, alertIds: string[]) => void,
): PeriodicJob {
  const traffic = new TrafficGenerator({ attackShare: 0.15, idPrefix: "demo" });
  let orgId: string | null = null;
  return startPeriodicJob("demo simulator", 1_000, async () => {
    orgId ??= await defaultOrgId(deps.db);
    const { alerts } = await ingestBatch(deps, {
      orgId,
      items: traffic.batch(DEMO_EVENTS_PER_SECOND),
      source: { apiKeyId: null },
    });
    if (alerts.length)
      onAlerts?.(
        orgId,
        alerts.map((a) => a.id),
      );
  });
}
