// Alerts written straight into "Alert" in one statement, spread like a busy console's: about 60
// rules (a few noisy), a few hundred entities, most alerts unassigned, half of them still open,
// created over the last `days` days. For plan and paging tests, not for detection.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

export async function loadAlerts(db: PrismaClient, orgId: string, count: number, { now = new Date(), days = 7 } = {}) {
  await db.$executeRaw(Prisma.sql`
    INSERT INTO "Alert" ("id", "orgId", "groupKey", "ruleId", "title", "category", "severity", "score", "status",
      "assignee", "entityType", "entityValue", "techniques", "count", "firstSeenAt", "lastSeenAt", "breakdown",
      "eventIds", "createdAt", "updatedAt", "acknowledgedAt", "resolvedAt")
    SELECT gen_random_uuid(), ${orgId}::uuid, rule || ':' || entity, rule, 'Rule ' || r || ': ' || entity, 'web',
      CASE WHEN score >= 90 THEN 'critical' WHEN score >= 70 THEN 'high' WHEN score >= 40 THEN 'medium' ELSE 'low' END,
      score, status,
      CASE WHEN status = 'new' OR g % 10 = 0 THEN NULL ELSE 'analyst' || (g % 5) || '@example.com' END,
      'ip', entity, ARRAY['T1190'], 1 + g % 7, created, last, '{}'::jsonb, ARRAY[]::text[], created, last,
      CASE WHEN status <> 'new' THEN created + interval '10 minutes' END,
      CASE WHEN status IN ('resolved', 'false_positive') THEN created + interval '3 hours' END
    FROM (
      SELECT g, r, 'sn-rule-' || r AS rule, '10.0.' || (g % 7) || '.' || (g % 40) AS entity,
        (g * 37) % 101 AS score,
        (ARRAY['new', 'new', 'acknowledged', 'in_progress', 'resolved', 'resolved', 'false_positive'])[1 + g % 7] AS status,
        created, least(${now.toISOString()}::timestamptz, created + (g % 90) * interval '1 minute') AS last
      FROM (
        SELECT g, (g * g) % 60 AS r,
          ${now.toISOString()}::timestamptz - ((g * 7919) % ${days * 86_400}::int) * interval '1 second' AS created
        FROM generate_series(1, ${count}::int) AS g
      ) spread
    ) alerts`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Alert"`);
}
