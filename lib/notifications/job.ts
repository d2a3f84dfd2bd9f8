// Wires notifications into the process: alert changes are queued as they commit, and a worker
// delivers due ones every couple of seconds (any instance may deliver any delivery).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { onAlertChanges } from "@/lib/alerts/changes.ts";
import { logger } from "@/lib/log.ts";
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import { deliverDue, enqueueForChanges } from "./delivery.ts";

export function startNotifications(db: PrismaClient, consoleUrl: string) {
  const stopListening = onAlertChanges((changes) => {
    void enqueueForChanges(db, changes).catch((error: unknown) =>
      logger().warn({ err: error }, "notifications not queued"),
    );
  });
  const worker = startPeriodicJob("notification delivery", 2_000, async () => void (await deliverDue(db, consoleUrl)));
  return {
    async stop() {
      stopListening();
      await worker.stop();
    },
  };
}
