// The dashboard's numbers for a window (1h, 24h, 7d): open alerts by severity, events and alerts
// over time, riskiest IPs and users, top rules, failed sign-ins in the last hour, MTTA and MTTR.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { CLOSED_ALERT_STATUSES, SEVERITIES } from "@/lib/vocabulary.ts";
import { topRiskyEntities } from "@/lib/entities/risk.ts";
import { ruleTitles } from "@/lib/rules/catalogue.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
import { bucketAxis, countEvents, countFailedSignIns, eventsLastMinute } from "./event-rollups.ts";

export const WINDOWS = {
  "1h": { ms: 3_600_000, bucketMs: 60_000 },
  "24h": { ms: 86_400_000, bucketMs: 1_800_000 },
  "7d": { ms: 7 * 86_400_000, bucketMs: 4 * 3_600_000 },
} as const;
export type StatsWindow = keyof typeof WINDOWS;

// From the bucket holding `since` to the one holding `now` (the event rollups count whole buckets).
const buckets = (since: Date, now: Date, bucketMs: number) => bucketAxis({ since, until: now, bucketMs });

export async function liveCounts(db: PrismaClient, orgId: string, now = new Date()) {
  const [openAlerts, lastMinute] = await Promise.all([
    db.alert.count({ where: { orgId, status: { notIn: [...CLOSED_ALERT_STATUSES] } } }),
    eventsLastMinute(db, orgId, now),
  ]);
  return { openAlerts, eventsPerMinute: lastMinute };
}

export async function overview(db: PrismaClient, orgId: string, window: StatsWindow, now = new Date()) {
  const { ms, bucketMs } = WINDOWS[window];
  const since = new Date(now.getTime() - ms);
  const origin = new Date(0);
  const interval = `${bucketMs / 1000} seconds`;
  const [settings, titles] = await Promise.all([detectionSettings(db, orgId), ruleTitles(db, orgId)]);
  const [open, eventsBy, alertRows, topRules, failedSignIns, times, topIps, topUsers, live] = await Promise.all([
    db.alert.groupBy({
      by: ["severity"],
      where: { orgId, status: { notIn: [...CLOSED_ALERT_STATUSES] } },
      _count: { _all: true },
    }),
    // Event numbers come from the rollups: whole buckets, from the one holding `since` to the minute holding `now`.
    countEvents(db, orgId, { since, until: now, bucketMs }),
    db.$queryRaw<{ bucket: Date; severity: string; n: bigint }[]>`
      SELECT date_bin(${interval}::interval, "createdAt", ${origin}::timestamptz) AS bucket, severity, count(*) AS n
      FROM "Alert" WHERE "orgId" = ${orgId}::uuid AND "createdAt" >= ${since} GROUP BY 1, 2`,
    db.alert.groupBy({
      by: ["ruleId"],
      where: { orgId, lastSeenAt: { gte: since } },
      _count: { _all: true },
      _sum: { count: true },
      orderBy: { _count: { ruleId: "desc" } },
      take: 8,
    }),
    countFailedSignIns(db, orgId, new Date(now.getTime() - WINDOWS["1h"].ms), now),
    db.$queryRaw<{ mtta: number | null; mttr: number | null }[]>`
      SELECT avg(extract(epoch FROM ("acknowledgedAt" - "createdAt")))::float8 AS mtta, avg(extract(epoch FROM ("resolvedAt" - "createdAt")))::float8 AS mttr
      FROM "Alert" WHERE "orgId" = ${orgId}::uuid AND "createdAt" >= ${since}`,
    topRiskyEntities(db, orgId, "ip", settings.riskHalfLifeMinutes, 8, now),
    topRiskyEntities(db, orgId, "user", settings.riskHalfLifeMinutes, 8, now),
    liveCounts(db, orgId, now),
  ]);
  const axis = buckets(since, now, bucketMs);
  const alertsBy = new Map<number, Record<string, number>>();
  for (const row of alertRows) {
    const at = new Date(row.bucket).getTime();
    alertsBy.set(at, { ...(alertsBy.get(at) ?? {}), [row.severity]: Number(row.n) });
  }
  return {
    window,
    generatedAt: now.toISOString(),
    bucketSeconds: bucketMs / 1000,
    openAlerts: {
      total: open.reduce((s, r) => s + r._count._all, 0),
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, open.find((r) => r.severity === s)?._count._all ?? 0])),
    },
    eventsPerMinute: live.eventsPerMinute,
    events: axis.map((at) => ({ at: new Date(at).toISOString(), count: eventsBy.get(at) ?? 0 })),
    alerts: axis.map((at) => ({
      at: new Date(at).toISOString(),
      ...Object.fromEntries(SEVERITIES.map((s) => [s, alertsBy.get(at)?.[s] ?? 0])),
    })),
    topIps,
    topUsers,
    topRules: topRules.map((r) => ({
      ruleId: r.ruleId,
      title: titles.get(r.ruleId) ?? null,
      alerts: r._count._all,
      events: r._sum.count ?? 0,
    })),
    failedSignInsLastHour: failedSignIns,
    mttaSeconds: times[0]?.mtta == null ? null : Math.round(times[0].mtta),
    mttrSeconds: times[0]?.mttr == null ? null : Math.round(times[0].mttr),
  };
}
