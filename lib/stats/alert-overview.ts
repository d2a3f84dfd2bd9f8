// The overview's alert numbers. Each query reads one index of "Alert" and nothing else (an index-only
// scan once vacuum has marked the pages all-visible): open alerts by severity from
// Alert_list_status_idx (status, …, severity); alerts per bucket by severity and MTTA/MTTR, in one
// pass, from Alert_list_created_idx (createdAt, id, severity, acknowledgedAt, resolvedAt); top
// rules from Alert_list_lastSeen_idx (lastSeenAt, id, ruleId, count).
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { OPEN_ALERT_STATUSES, SEVERITIES, type Severity } from "@/lib/vocabulary.ts";

/** Open alerts: status IN (the open ones) is three index ranges; NOT IN read the whole index. */
export function openAlertsBySeveritySql(orgId: string) {
  return Prisma.sql`
    SELECT "severity", count(*)::int AS n FROM "Alert"
    WHERE "orgId" = ${orgId}::uuid AND "status" IN (${Prisma.join(OPEN_ALERT_STATUSES)})
    GROUP BY 1`;
}

export function createdBucketsSql(orgId: string, since: Date, bucketSeconds: number) {
  return Prisma.sql`
    SELECT date_bin(${`${bucketSeconds} seconds`}::interval, "createdAt", 'epoch'::timestamptz) AS bucket, "severity",
      count(*)::int AS n,
      count("acknowledgedAt")::int AS acked, sum(extract(epoch FROM "acknowledgedAt" - "createdAt"))::float8 AS ack_seconds,
      count("resolvedAt")::int AS resolved, sum(extract(epoch FROM "resolvedAt" - "createdAt"))::float8 AS resolve_seconds
    FROM "Alert" WHERE "orgId" = ${orgId}::uuid AND "createdAt" >= ${since.toISOString()}::timestamptz
    GROUP BY 1, 2`;
}

export function topRulesSql(orgId: string, since: Date, limit: number) {
  return Prisma.sql`
    SELECT "ruleId", count(*)::int AS alerts, sum("count")::bigint AS events FROM "Alert"
    WHERE "orgId" = ${orgId}::uuid AND "lastSeenAt" >= ${since.toISOString()}::timestamptz
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}::int`;
}

type SeverityCounts = Record<Severity, number>;
const zeroCounts = (): SeverityCounts => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;

export async function openAlertsBySeverity(db: PrismaClient, orgId: string) {
  const rows = await db.$queryRaw<{ severity: string; n: number }[]>(openAlertsBySeveritySql(orgId));
  const bySeverity = zeroCounts();
  for (const r of rows) if (r.severity in bySeverity) bySeverity[r.severity as Severity] += Number(r.n);
  return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), bySeverity };
}

/** Alerts created per bucket by severity since `since`, and the mean times to acknowledge and resolve them. */
export async function alertsCreated(db: PrismaClient, orgId: string, since: Date, bucketSeconds: number) {
  const rows = await db.$queryRaw<
    {
      bucket: Date;
      severity: string;
      n: number;
      acked: number;
      ack_seconds: number | null;
      resolved: number;
      resolve_seconds: number | null;
    }[]
  >(createdBucketsSql(orgId, since, bucketSeconds));
  const byBucket = new Map<number, SeverityCounts>();
  let acked = 0;
  let ackSeconds = 0;
  let resolved = 0;
  let resolveSeconds = 0;
  for (const r of rows) {
    const at = new Date(r.bucket).getTime();
    const counts = byBucket.get(at) ?? zeroCounts();
    if (r.severity in counts) counts[r.severity as Severity] += Number(r.n);
    byBucket.set(at, counts);
    acked += Number(r.acked);
    ackSeconds += Number(r.ack_seconds ?? 0);
    resolved += Number(r.resolved);
    resolveSeconds += Number(r.resolve_seconds ?? 0);
  }
  return {
    byBucket,
    mttaSeconds: acked ? Math.round(ackSeconds / acked) : null,
    mttrSeconds: resolved ? Math.round(resolveSeconds / resolved) : null,
  };
}

export async function topRules(db: PrismaClient, orgId: string, since: Date, limit = 8) {
  const rows = await db.$queryRaw<{ ruleId: string; alerts: number; events: bigint | number | null }[]>(
    topRulesSql(orgId, since, limit),
  );
  return rows.map((r) => ({ ruleId: r.ruleId, alerts: Number(r.alerts), events: Number(r.events ?? 0) }));
}
