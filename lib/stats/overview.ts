// The dashboard's numbers for a window (1h, 24h, 7d): open alerts by severity, events and alerts
// over time, riskiest IPs and users, top rules, failed sign-ins in the last hour, MTTA and MTTR.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { SEVERITIES } from "@/lib/vocabulary.ts";
import { topRiskyEntities } from "@/lib/entities/risk.ts";
import { ruleTitles } from "@/lib/rules/catalogue.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
import { alertsCreated, openAlertsBySeverity, topRules } from "./alert-overview.ts";

export const WINDOWS = {
  "1h": { ms: 3_600_000, bucketMs: 60_000 },
  "24h": { ms: 86_400_000, bucketMs: 1_800_000 },
  "7d": { ms: 7 * 86_400_000, bucketMs: 4 * 3_600_000 },
} as const;
export type StatsWindow = keyof typeof WINDOWS;

function buckets(since: Date, now: Date, bucketMs: number) {
  const start = Math.floor(since.getTime() / bucketMs) * bucketMs;
  return Array.from({ length: Math.ceil((now.getTime() - start) / bucketMs) }, (_, i) => start + i * bucketMs);
}

const eventsLastMinute = (db: PrismaClient, orgId: string, now: Date) =>
  db.event.count({ where: { orgId, timestamp: { gt: new Date(now.getTime() - 60_000), lte: now } } });

export async function liveCounts(db: PrismaClient, orgId: string, now = new Date()) {
  const [open, lastMinute] = await Promise.all([openAlertsBySeverity(db, orgId), eventsLastMinute(db, orgId, now)]);
  return { openAlerts: open.total, eventsPerMinute: lastMinute };
}

export async function overview(db: PrismaClient, orgId: string, window: StatsWindow, now = new Date()) {
  const { ms, bucketMs } = WINDOWS[window];
  const since = new Date(now.getTime() - ms);
  const origin = new Date(0);
  const interval = `${bucketMs / 1000} seconds`;
  const [settings, titles] = await Promise.all([detectionSettings(db, orgId), ruleTitles(db, orgId)]);
  const [open, eventRows, created, rules, failedSignIns, topIps, topUsers, eventsPerMinute] = await Promise.all([
    openAlertsBySeverity(db, orgId),
    db.$queryRaw<{ bucket: Date; n: bigint }[]>`
      SELECT date_bin(${interval}::interval, "timestamp", ${origin}::timestamptz) AS bucket, count(*) AS n
      FROM "Event" WHERE "orgId" = ${orgId}::uuid AND "timestamp" >= ${since} AND "timestamp" <= ${now} GROUP BY 1`,
    alertsCreated(db, orgId, since, bucketMs / 1000),
    topRules(db, orgId, since, 8),
    db.event.count({
      where: {
        orgId,
        module: "securenet",
        action: "auth.failure",
        timestamp: { gte: new Date(now.getTime() - 3_600_000) },
      },
    }),
    topRiskyEntities(db, orgId, "ip", settings.riskHalfLifeMinutes, 8, now),
    topRiskyEntities(db, orgId, "user", settings.riskHalfLifeMinutes, 8, now),
    eventsLastMinute(db, orgId, now),
  ]);
  const axis = buckets(since, now, bucketMs);
  const eventsBy = new Map(eventRows.map((r) => [new Date(r.bucket).getTime(), Number(r.n)]));
  return {
    window,
    generatedAt: now.toISOString(),
    bucketSeconds: bucketMs / 1000,
    openAlerts: open,
    eventsPerMinute,
    events: axis.map((at) => ({ at: new Date(at).toISOString(), count: eventsBy.get(at) ?? 0 })),
    alerts: axis.map((at) => ({
      at: new Date(at).toISOString(),
      ...Object.fromEntries(SEVERITIES.map((s) => [s, created.byBucket.get(at)?.[s] ?? 0])),
    })),
    topIps,
    topUsers,
    topRules: rules.map((r) => ({
      ruleId: r.ruleId,
      title: titles.get(r.ruleId) ?? null,
      alerts: r.alerts,
      events: r.events,
    })),
    failedSignInsLastHour: failedSignIns,
    mttaSeconds: created.mttaSeconds,
    mttrSeconds: created.mttrSeconds,
  };
}
