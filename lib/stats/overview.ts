// The dashboard's numbers for a window (1h, 24h, 7d): open alerts by severity, events and alerts
// over time, riskiest IPs and users, top rules, failed sign-ins in the last hour, MTTA and MTTR.
// Event numbers come from the event rollups (event-rollups.ts), alert numbers from the alert
// rollups (alert-overview.ts); both count whole buckets from the one holding the window's start.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { SEVERITIES } from "@/lib/vocabulary.ts";
import { topRiskyEntities } from "@/lib/entities/risk.ts";
import { ruleTitles } from "@/lib/rules/catalogue.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";
import { alertOverview, openAlertsBySeverity } from "./alert-overview.ts";
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
  const [open, lastMinute] = await Promise.all([openAlertsBySeverity(db, orgId), eventsLastMinute(db, orgId, now)]);
  return { openAlerts: open.total, eventsPerMinute: lastMinute };
}

export async function overview(db: PrismaClient, orgId: string, window: StatsWindow, now = new Date()) {
  const { ms, bucketMs } = WINDOWS[window];
  const since = new Date(now.getTime() - ms);
  const [settings, titles] = await Promise.all([detectionSettings(db, orgId), ruleTitles(db, orgId)]);
  const [{ open, created, rules }, eventsBy, failedSignIns, topIps, topUsers, eventsPerMinute] = await Promise.all([
    alertOverview(db, orgId, since, bucketMs),
    // Whole buckets, from the one holding `since` to the minute holding `now`.
    countEvents(db, orgId, { since, until: now, bucketMs }),
    countFailedSignIns(db, orgId, new Date(now.getTime() - WINDOWS["1h"].ms), now),
    topRiskyEntities(db, orgId, "ip", settings.riskHalfLifeMinutes, 8, now),
    topRiskyEntities(db, orgId, "user", settings.riskHalfLifeMinutes, 8, now),
    eventsLastMinute(db, orgId, now),
  ]);
  const axis = buckets(since, now, bucketMs);
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
