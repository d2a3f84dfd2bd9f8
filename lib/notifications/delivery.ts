// Delivering alerts to webhooks: an alert that reaches a destination's minimum severity is queued
// once per destination (a unique row), and a worker on any instance claims due deliveries
// (FOR UPDATE SKIP LOCKED), POSTs Slack-compatible JSON where the address policy allows
// (webhook-client.ts), and retries failures with back-off.
import type { NotificationDelivery, PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { AlertChange } from "@/lib/alerts/changes.ts";
import type { AlertView } from "@/lib/alerts/query.ts";
import { env } from "@/lib/env.ts";
import { isClosedAlertStatus, SEVERITY_RANK } from "@/lib/vocabulary.ts";
import { destinationUrl } from "./destinations.ts";
import { slackPayload } from "./slack-payload.ts";
import { postWebhook, WEBHOOK_TIMEOUT_MS } from "./webhook-client.ts";

const RANK = SEVERITY_RANK as Record<string, number>;
/** Seconds to wait after the n-th failed attempt; past the last, the delivery has failed. */
export const BACKOFF_SECONDS = [5, 30, 120, 600, 3_600];

export async function enqueueForChanges(db: PrismaClient, changes: AlertChange[], now = new Date()) {
  const byOrg = new Map<string, AlertView[]>();
  for (const change of changes) byOrg.set(change.orgId, [...(byOrg.get(change.orgId) ?? []), change.alert]);
  for (const [orgId, alerts] of byOrg) {
    const destinations = await db.notificationDestination.findMany({ where: { orgId, enabled: true } });
    const rows = destinations.flatMap((d) =>
      alerts
        .filter((a) => RANK[a.severity]! >= RANK[d.minSeverity]! && !isClosedAlertStatus(a.status))
        .map((a) => ({ orgId, destinationId: d.id, alertId: a.id, nextAttemptAt: now })),
    );
    if (rows.length) await db.notificationDelivery.createMany({ data: rows, skipDuplicates: true });
  }
}

export async function deliverDue(db: PrismaClient, consoleUrl: string, now = new Date(), limit = 20): Promise<number> {
  const claimed = await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<NotificationDelivery[]>`
      SELECT * FROM "NotificationDelivery" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    // Claim by pushing the next attempt out; a crash mid-send retries after the timeout.
    if (due.length)
      await tx.notificationDelivery.updateMany({
        where: { id: { in: due.map((d) => d.id) } },
        data: { nextAttemptAt: new Date(now.getTime() + 2 * WEBHOOK_TIMEOUT_MS) },
      });
    return due;
  });
  for (const delivery of claimed) {
    const [destination, alert] = await Promise.all([
      db.notificationDestination.findUnique({ where: { id: delivery.destinationId } }),
      db.alert.findUnique({ where: { id: delivery.alertId } }),
    ]);
    if (!destination || !alert) {
      await db.notificationDelivery.update({
        where: { id: delivery.id },
        data: { status: "failed", lastError: "destination or alert deleted" },
      });
      continue;
    }
    const payload = slackPayload(
      { ...alert, entity: { type: alert.entityType, value: alert.entityValue } },
      consoleUrl,
    );
    const result = await postWebhook(destinationUrl(destination), payload, {
      allow: env().SECURENET_WEBHOOK_ALLOWED_HOSTS,
    });
    const attempts = delivery.attempts + 1;
    if (result.ok) {
      await db.notificationDelivery.update({
        where: { id: delivery.id },
        data: {
          status: "delivered",
          attempts,
          responseStatus: result.status,
          lastError: null,
          deliveredAt: new Date(),
        },
      });
    } else {
      const wait = BACKOFF_SECONDS[attempts - 1];
      await db.notificationDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts,
          responseStatus: result.status,
          lastError: result.error,
          ...(wait === undefined ? { status: "failed" } : { nextAttemptAt: new Date(Date.now() + wait * 1000) }),
        },
      });
    }
  }
  return claimed.length;
}

export async function sendTest(db: PrismaClient, orgId: string, id: string, consoleUrl: string) {
  const destination = await db.notificationDestination.findFirst({ where: { id, orgId } });
  if (!destination) return null;
  const sample = {
    id: "00000000-0000-4000-8000-000000000000",
    title: "SecureNet test notification",
    severity: destination.minSeverity,
    score: 0,
    entity: { type: "ip", value: "192.0.2.1" },
    ruleId: "test",
    count: 1,
    status: "new",
  };
  return postWebhook(destinationUrl(destination), slackPayload(sample, consoleUrl), {
    allow: env().SECURENET_WEBHOOK_ALLOWED_HOSTS,
    slowFailures: true,
  });
}

export async function listDeliveries(db: PrismaClient, orgId: string) {
  const rows = await db.notificationDelivery.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((r) => ({
    ...r,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
}
