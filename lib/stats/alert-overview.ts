// The overview's alert numbers, read from the alert rollups (kept exact by triggers on "Alert":
// migration 20261203184000_alert_rollups) so their cost does not grow with the alerts stored:
// open alerts by severity from AlertOpenCount; alerts per bucket by severity with MTTA/MTTR from
// AlertCreatedRollup (half hours by createdAt); top rules from AlertRuleRollup (half hours by
// lastSeenAt). A window counts whole buckets, from the start of the bucket holding `since`, as the
// event rollups do (event-rollups.ts), so events and alerts on the overview cover the same time.
// Buckets finer than the rollups' half hour (the 1h window's minutes) are counted from the alert
// indexes (Alert_list_created_idx, Alert_list_lastSeen_idx): at most an hour of alerts.
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { SEVERITIES, type Severity } from "@/lib/vocabulary.ts";
import { bucketStart } from "./event-rollups.ts";

/** The rollups' bucket (alert_rollup_bucket in the migration). */
export const ROLLUP_BUCKET_MS = 1_800_000;
const EPOCH = new Date(0);
const interval = (ms: number) => `${ms / 1000} seconds`;

export function openAlertsBySeveritySql(orgId: string) {
  return Prisma.sql`SELECT "severity", "alerts" AS n FROM "AlertOpenCount" WHERE "orgId" = ${orgId}::uuid`;
}

/** Per bucket of `bucketMs` by severity from the bucket holding `since`: rollups for whole half hours, else the index. */
export function createdBucketsSql(orgId: string, since: Date, bucketMs: number) {
  const from = new Date(bucketStart(since, bucketMs));
  if (bucketMs % ROLLUP_BUCKET_MS === 0)
    return Prisma.sql`
      SELECT date_bin(${interval(bucketMs)}::interval, "bucket", ${EPOCH}::timestamptz) AS bucket, "severity",
        sum("alerts")::int AS n, sum("acknowledged")::int AS acked, sum("ackMs")::bigint AS ack_ms,
        sum("resolved")::int AS resolved, sum("resolveMs")::bigint AS resolve_ms
      FROM "AlertCreatedRollup" WHERE "orgId" = ${orgId}::uuid AND "bucket" >= ${from}
      GROUP BY 1, 2 HAVING sum("alerts") > 0`;
  return Prisma.sql`
    SELECT date_bin(${interval(bucketMs)}::interval, "createdAt", ${EPOCH}::timestamptz) AS bucket, "severity",
      count(*)::int AS n,
      count("acknowledgedAt")::int AS acked, sum((extract(epoch FROM "acknowledgedAt" - "createdAt") * 1000)::bigint)::bigint AS ack_ms,
      count("resolvedAt")::int AS resolved, sum((extract(epoch FROM "resolvedAt" - "createdAt") * 1000)::bigint)::bigint AS resolve_ms
    FROM "Alert" WHERE "orgId" = ${orgId}::uuid AND "createdAt" >= ${from}
    GROUP BY 1, 2`;
}

/**
 * Rules by alerts last seen from the start of the bucket holding `since`: the rollups' whole half
 * hours, and before the first of them (when the window's buckets are finer) the index.
 */
export function topRulesSql(orgId: string, since: Date, bucketMs: number, limit: number) {
  const from = bucketStart(since, bucketMs);
  const edge = new Date(Math.ceil(from / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS);
  return Prisma.sql`
    SELECT "ruleId", sum("alerts")::int AS alerts, sum("events")::bigint AS events FROM (
      SELECT "ruleId", "alerts", "events" FROM "AlertRuleRollup" WHERE "orgId" = ${orgId}::uuid AND "bucket" >= ${edge}
      UNION ALL
      SELECT "ruleId", 1, "count" FROM "Alert"
      WHERE "orgId" = ${orgId}::uuid AND "lastSeenAt" >= ${new Date(from)} AND "lastSeenAt" < ${edge}
    ) AS r
    GROUP BY 1 HAVING sum("alerts") > 0 ORDER BY 2 DESC, 1 LIMIT ${limit}::int`;
}

type SeverityCounts = Record<Severity, number>;
const zeroCounts = (): SeverityCounts => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;

export async function openAlertsBySeverity(db: PrismaClient, orgId: string) {
  const rows = await db.$queryRaw<{ severity: string; n: number }[]>(openAlertsBySeveritySql(orgId));
  const bySeverity = zeroCounts();
  for (const r of rows) if (r.severity in bySeverity) bySeverity[r.severity as Severity] += Number(r.n);
  return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), bySeverity };
}

/** Alerts created per bucket by severity from the bucket holding `since`, and the mean times to acknowledge and resolve them. */
export async function alertsCreated(db: PrismaClient, orgId: string, since: Date, bucketMs: number) {
  const rows = await db.$queryRaw<
    {
      bucket: Date;
      severity: string;
      n: number;
      acked: number;
      ack_ms: bigint | null;
      resolved: number;
      resolve_ms: bigint | null;
    }[]
  >(createdBucketsSql(orgId, since, bucketMs));
  const byBucket = new Map<number, SeverityCounts>();
  let acked = 0;
  let ackMs = 0;
  let resolved = 0;
  let resolveMs = 0;
  for (const r of rows) {
    const at = new Date(r.bucket).getTime();
    const counts = byBucket.get(at) ?? zeroCounts();
    if (r.severity in counts) counts[r.severity as Severity] += Number(r.n);
    byBucket.set(at, counts);
    acked += Number(r.acked);
    ackMs += Number(r.ack_ms ?? 0);
    resolved += Number(r.resolved);
    resolveMs += Number(r.resolve_ms ?? 0);
  }
  return {
    byBucket,
    mttaSeconds: acked ? Math.round(ackMs / 1000 / acked) : null,
    mttrSeconds: resolved ? Math.round(resolveMs / 1000 / resolved) : null,
  };
}

export async function topRules(db: PrismaClient, orgId: string, since: Date, bucketMs: number, limit = 8) {
  const rows = await db.$queryRaw<{ ruleId: string; alerts: number; events: bigint | number | null }[]>(
    topRulesSql(orgId, since, bucketMs, limit),
  );
  return rows.map((r) => ({ ruleId: r.ruleId, alerts: Number(r.alerts), events: Number(r.events ?? 0) }));
}

/** The overview's alert part for a window: what overview() shows, in parallel. */
export async function alertOverview(db: PrismaClient, orgId: string, since: Date, bucketMs: number) {
  const [open, created, rules] = await Promise.all([
    openAlertsBySeverity(db, orgId),
    alertsCreated(db, orgId, since, bucketMs),
    topRules(db, orgId, since, bucketMs, 8),
  ]);
  return { open, created, rules };
}
