// Loading alerts and entity risk the fast way (INSERT ... SELECT over generate_series): alerts of
// 60 real rule ids over the same 7 days as the events, about entities from the same IP, user and
// host pools; older alerts mostly closed, open ones new, acknowledged or in progress, with the
// triage timestamps the overview's MTTA/MTTR read. Entity risk rows and hourly risk samples for
// the busiest entities, so the overview's top lists and the entity page read real rows.
import type { SqlSession } from "@/lib/db/sql.ts";
import { PAYLOAD_DETECTORS } from "@/lib/detection/payloads/index.ts";
import { THRESHOLD_RULES } from "@/lib/detection/threshold-rules.ts";
import { DAYS } from "./load-events.ts";
import { HOST_POOL, IP_POOL, SKEW, USER_POOL, hostSql, ipSql, skewedIndexSql, sqlString, userSql } from "./pools.ts";

const RULE_COUNT = 60;

export const SCALE_RULES = [
  ...THRESHOLD_RULES.map((r) => ({ id: r.id, title: r.title, category: r.category, technique: r.technique })),
  ...PAYLOAD_DETECTORS.map((d: { id: string; title: string; category: string; technique?: string }) => ({
    id: d.id,
    title: d.title,
    category: d.category,
    technique: d.technique ?? "T1190",
  })),
].slice(0, RULE_COUNT);

const RULES = `(VALUES ${SCALE_RULES.map(
  (r, i) => `(${i}, ${sqlString(r.id)}, ${sqlString(r.title)}, ${sqlString(r.category)}, ${sqlString(r.technique)})`,
).join(", ")}) AS r(n, id, title, category, technique)`;

const entityValueSql = (type: string, draw: string) => `CASE ${type}
  WHEN 'ip' THEN ${ipSql(skewedIndexSql(draw, IP_POOL, SKEW.ip))}
  WHEN 'user' THEN ${userSql(skewedIndexSql(draw, USER_POOL, SKEW.user))}
  ELSE ${hostSql(skewedIndexSql(draw, HOST_POOL, SKEW.host))} END`;

const DRAWS = ["r_rule", "r_type", "r_entity", "r_closed", "r_status", "r_disp", "r_ack", "r_res", "r_seen", "r_score", "r_count", "r_assignee", "r_e1", "r_e2", "r_e3"]; // prettier-ignore

/** $1 org id, $2 now, $3 N alerts, $4..$5 this chunk's first and last n, $6 how many events were loaded. */
export function insertAlertsSql(): string {
  const eventId = (r: string) => `'scale-' || (1 + floor(${r} * $6::float8))::bigint`;
  return `
  INSERT INTO "Alert" ("id", "orgId", "groupKey", "ruleId", "title", "category", "severity", "score", "status", "assignee",
    "entityType", "entityValue", "techniques", "count", "firstSeenAt", "lastSeenAt", "breakdown", "eventIds", "createdAt",
    "updatedAt", "acknowledgedAt", "ackReason", "resolvedAt", "disposition")
  SELECT gen_random_uuid(), $1::uuid, c.rule_id || ':' || c.etype || ':' || c.evalue, c.rule_id, c.title || ': ' || c.evalue,
    c.category, CASE WHEN c.score >= 90 THEN 'critical' WHEN c.score >= 70 THEN 'high' WHEN c.score >= 40 THEN 'medium' ELSE 'low' END,
    c.score, c.status, c.assignee, c.etype, c.evalue, ARRAY[c.technique], c.count, c.created - c.r_seen * interval '5 minutes',
    c.last_seen,
    jsonb_build_object('baseScore', c.score, 'rules', jsonb_build_array(jsonb_build_object('id', c.rule_id, 'points', c.score, 'hits', c.count))),
    ARRAY[${eventId("c.r_e1")}, ${eventId("c.r_e2")}, ${eventId("c.r_e3")}],
    c.created, greatest(c.last_seen, c.acked, c.resolved), c.acked, CASE WHEN c.acked IS NOT NULL THEN 'triaged' END,
    c.resolved, c.disposition
  FROM (
    SELECT b.*,
      CASE WHEN b.status <> 'new' THEN least($2::timestamptz, b.created + b.r_ack * interval '2 hours') END AS acked,
      CASE WHEN b.status IN ('resolved', 'false_positive')
        THEN least($2::timestamptz, b.created + b.r_ack * interval '2 hours' + b.r_res * interval '12 hours') END AS resolved,
      CASE WHEN b.status = 'false_positive' THEN 'false_positive' WHEN b.status <> 'resolved' THEN NULL
        WHEN b.r_disp < 0.7 THEN 'true_positive' WHEN b.r_disp < 0.9 THEN 'benign_positive' ELSE 'duplicate' END AS disposition,
      CASE WHEN b.status <> 'new' AND b.r_assignee < 0.7 THEN 'analyst' || (1 + floor(b.r_assignee * 14)::int) || '@example.test' END AS assignee
    FROM (
      SELECT a.*, r.id AS rule_id, r.title, r.category, r.technique,
        ${entityValueSql("a.etype", "a.r_entity")} AS evalue,
        CASE WHEN a.r_closed < 0.15 + 0.6 * a.age THEN CASE WHEN a.r_disp < 0.2 THEN 'false_positive' ELSE 'resolved' END
          WHEN a.r_status < 0.6 THEN 'new' WHEN a.r_status < 0.85 THEN 'acknowledged' ELSE 'in_progress' END AS status,
        least(100, 10 + floor(power(a.r_score, 0.7) * 91)::int) AS score,
        1 + floor(power(a.r_count, 4) * 400)::int AS count,
        least($2::timestamptz, a.created + power(a.r_seen, 3) * interval '12 hours') AS last_seen
      FROM (
        SELECT d.*, $2::timestamptz - interval '${DAYS} days' * d.age AS created,
          CASE WHEN d.r_type < 0.7 THEN 'ip' WHEN d.r_type < 0.95 THEN 'user' ELSE 'host' END AS etype
        FROM (
          SELECT g, power(1 - (g - 0.5) / $3::float8, 1.2) AS age, ${DRAWS.map((r) => `random() AS ${r}`).join(", ")}
          FROM generate_series($4::bigint, $5::bigint) AS g
          OFFSET 0
        ) d
        OFFSET 0
      ) a
      JOIN ${RULES} ON r.n = ${skewedIndexSql("a.r_rule", SCALE_RULES.length, SKEW.rule)}
      OFFSET 0
    ) b
    OFFSET 0
  ) c`;
}

/** Risk rows for this many of the busiest entities of each type (the rest have none, as in life). */
export const RISKY = { ip: 5_000, user: 2_000, host: 200 } as const;
/** Hourly risk samples over the 7 days for this many of the busiest of each type. */
export const SAMPLED = { ip: 500, user: 200, host: 50 } as const;

const valueSql = { ip: ipSql, user: userSql, host: hostSql } as const;

/** $1 org id, $2 now. The busiest were touched in the last 2 hours; the tail up to 7 days ago. */
function insertRiskSql(type: keyof typeof RISKY): string {
  return `
  INSERT INTO "EntityRisk" ("orgId", "entityType", "entityValue", "points", "updatedAt", "categories")
  SELECT $1::uuid, '${type}', ${valueSql[type]("k")}, 300.0 / (1 + k / 20.0), t.at,
    jsonb_build_object('brute_force', t.at) || CASE WHEN k % 3 = 0 THEN jsonb_build_object('web_attack', t.at) ELSE '{}'::jsonb END
  FROM generate_series(0, ${RISKY[type] - 1}) AS k
  CROSS JOIN LATERAL (SELECT $2::timestamptz - random() * CASE WHEN k < ${RISKY[type] / 5} THEN interval '2 hours' ELSE interval '${DAYS} days' END AS at) t`;
}

function insertSamplesSql(type: keyof typeof SAMPLED): string {
  return `
  INSERT INTO "EntityRiskSample" ("orgId", "entityType", "entityValue", "at", "score", "points")
  SELECT $1::uuid, '${type}', ${valueSql[type]("k")}, $2::timestamptz - h * interval '1 hour', s.score, s.score * 3.0
  FROM generate_series(0, ${SAMPLED[type] - 1}) AS k
  CROSS JOIN generate_series(0, ${DAYS * 24 - 1}) AS h
  CROSS JOIN LATERAL (SELECT least(100, floor(random() * 100 / (1 + k / 50.0))::int + h * 0) AS score) s`;
}

/** Loads alerts 1..total in chunks, then entity risk and samples; answers the seconds each took. */
export async function loadAlerts(
  sql: SqlSession,
  orgId: string,
  options: { total: number; chunk: number; now: Date; events: number },
): Promise<{ alertSeconds: number; riskSeconds: number; riskRows: number }> {
  const now = options.now.toISOString();
  let started = performance.now();
  const statement = insertAlertsSql();
  for (let first = 1; first <= options.total; first += options.chunk) {
    const last = Math.min(options.total, first + options.chunk - 1);
    await sql.query(statement, [orgId, now, options.total, first, last, Math.max(1, options.events)]);
  }
  const alertSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const type of ["ip", "user", "host"] as const) {
    await sql.query(insertRiskSql(type), [orgId, now]);
    await sql.query(insertSamplesSql(type), [orgId, now]);
  }
  const riskRows =
    Object.values(RISKY).reduce((a, b) => a + b, 0) + Object.values(SAMPLED).reduce((a, b) => a + b * DAYS * 24, 0);
  return { alertSeconds, riskSeconds: (performance.now() - started) / 1000, riskRows };
}
