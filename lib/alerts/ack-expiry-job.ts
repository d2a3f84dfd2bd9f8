// An acknowledgement with an expiry lapses: the alert goes back to "new" (audited as the system)
// so it returns to the queue instead of staying quietly acknowledged.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { recordAudit, SYSTEM_ACTOR, AUDITED_TX_OPTIONS } from "@/lib/audit/record.ts";
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import { publishAlertChanges } from "./changes.ts";
import { alertView } from "./query.ts";

export async function expireAcknowledgements(db: PrismaClient, now = new Date()): Promise<number> {
  const due = await db.alert.findMany({ where: { status: "acknowledged", ackExpiresAt: { lte: now } }, take: 500 });
  for (const alert of due) {
    const updated = await db.$transaction(async (tx) => {
      const claimed = await tx.alert.updateMany({
        where: { id: alert.id, status: "acknowledged", ackExpiresAt: { lte: now } },
        data: { status: "new", ackExpiresAt: null },
      });
      if (claimed.count === 0) return null;
      await recordAudit(tx, {
        orgId: alert.orgId,
        action: "alert.status_changed",
        actor: SYSTEM_ACTOR,
        target: { type: "alert", id: alert.id, label: alert.title },
        detail: { before: { status: "acknowledged" }, after: { status: "new" }, reason: "the acknowledgement expired" },
      });
      return tx.alert.findUniqueOrThrow({ where: { id: alert.id } });
    }, AUDITED_TX_OPTIONS);
    if (updated) publishAlertChanges([{ orgId: updated.orgId, created: false, alert: alertView(updated) }]);
  }
  return due.length;
}

export function startAckExpiryJob(db: PrismaClient) {
  return startPeriodicJob("acknowledgement expiry", 30_000, async () => void (await expireAcknowledgements(db)));
}
