// Loading events the fast way: INSERT ... SELECT over generate_series, a chunk of rows per
// statement, straight into "Event" (no HTTP, no detection). The n-th event of N is placed in time
// by n, so the table fills in time order as ingest fills it (which matters for how many pages a
// time range touches): 7 days back from `now`, denser recently; 2% arrive late (their timestamp up
// to 6 h before receivedAt), so timestamps are not in insertion order.
import type { SqlSession } from "@/lib/db/sql.ts";
import { eventColumns, type DocShape } from "./event-columns.ts";
import {
  HOST_POOL,
  HTTP_METHODS,
  HTTP_STATUSES,
  IP_POOL,
  MODULES,
  RARE_WORD,
  RARE_WORD_RATE,
  SKEW,
  USER_AGENTS,
  USER_POOL,
  WORDS,
  hostSql,
  ipSql,
  skewedIndexSql,
  sqlArray,
  sqlString,
  userSql,
} from "./pools.ts";

export const DAYS = 7;
/** Recent hours hold more: an event's age is DAYS × u^AGE_POWER for its place u in (0, 1]. */
const AGE_POWER = 1.4;
const LATE_SHARE = 0.02;

const pick = (values: readonly (string | number)[], r: string, type = "text") =>
  `(${sqlArray(values, type)})[1 + floor(${r} * ${values.length})::int]`;
const word = (r: string) => `(${sqlArray(WORDS)})[1 + ${skewedIndexSql(r, WORDS.length, SKEW.word)}]`;

const PROFILES = `(VALUES ${MODULES.map(
  (m, i) =>
    `(${i}, ${sqlString(m.module)}, ${sqlString(m.dataset)}, ${sqlString(m.kind)}, ${sqlArray(m.category)}, ${sqlArray(m.actions)}, ${sqlString(m.shape)}, ${m.userShare}::float8, ${m.failShare}::float8, ${m.destinationPort})`,
).join(", ")}) AS p(n, module, dataset, kind, category, actions, shape, user_share, fail_share, dport)`;

const DRAWS = [
  "r_late", "r_jitter", "r_mod", "r_ip", "r_has_user", "r_user", "r_host", "r_act", "r_status", "r_out",
  "r_ua", "r_w1", "r_w2", "r_w3", "r_rare", "r_method", "r_port", "r_bytes",
]; // prettier-ignore

/**
 * $1 org id, $2 now, $3 N (all events of the load), $4..$5 this chunk's first and last n.
 * Each level is fenced with OFFSET 0 so random() is drawn once per row and reused.
 */
export function insertEventsSql(doc: DocShape): string {
  const columns = eventColumns(doc);
  return `
  INSERT INTO "Event" (${Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ")})
  SELECT ${Object.values(columns).join(", ")}
  FROM (
    SELECT a.*,
      CASE WHEN a.shape = 'http' THEN '/' || a.w1 || '/' || a.w2 || '?q=' || a.w3 || replace(a.rare, ' ', '&') END AS url,
      CASE WHEN a.shape = 'http' THEN CASE WHEN a.status >= 400 THEN 'failure' ELSE 'success' END
           WHEN a.r_out < 0.03 THEN 'unknown' WHEN a.r_out < 0.03 + a.fail_share THEN 'failure' ELSE 'success' END AS outcome,
      CASE a.shape
        WHEN 'http' THEN a.method || ' /' || a.w1 || '/' || a.w2 || '?q=' || a.w3 || a.rare || ' HTTP/1.1 ' || a.status || ' ' || a.bytes
        WHEN 'sshd' THEN CASE WHEN a.r_out >= 0.03 AND a.r_out < 0.03 + a.fail_share THEN 'Failed password for ' ELSE 'Accepted publickey for ' END
          || coalesce(a.user_name, 'root') || ' from ' || a.ip || ' port ' || a.sport || ' ssh2' || a.rare
        ELSE a.action || ' ' || a.w1 || ' ' || a.w2 || ' by ' || coalesce(a.user_name, a.ip) || ' on ' || a.host_name || a.rare
      END AS message
    FROM (
      SELECT d.g, p.module, p.dataset, p.kind, p.category, p.shape, p.fail_share, p.dport, d.r_out,
        d.base - CASE WHEN d.r_late < ${LATE_SHARE} THEN d.r_jitter * interval '6 hours' ELSE d.r_jitter * interval '2 seconds' END AS ts,
        d.base AS received,
        p.actions[1 + floor(d.r_act * cardinality(p.actions))::int] AS action,
        ${ipSql(skewedIndexSql("d.r_ip", IP_POOL, SKEW.ip))} AS ip,
        1024 + floor(d.r_port * 64000)::int AS sport,
        '10.0.' || (${skewedIndexSql("d.r_host", HOST_POOL, SKEW.host)} / 256) || '.' || (1 + ${skewedIndexSql("d.r_host", HOST_POOL, SKEW.host)} % 256) AS dip,
        CASE WHEN d.r_has_user < p.user_share THEN ${userSql(skewedIndexSql("d.r_user", USER_POOL, SKEW.user))} END AS user_name,
        ${hostSql(skewedIndexSql("d.r_host", HOST_POOL, SKEW.host))} AS host_name,
        CASE WHEN p.shape = 'http' THEN ${pick(HTTP_STATUSES, "d.r_status", "int")} END AS status,
        CASE WHEN p.shape = 'http' THEN ${pick(HTTP_METHODS, "d.r_method")} END AS method,
        CASE WHEN p.shape = 'http' THEN (${sqlArray(USER_AGENTS)})[1 + ${skewedIndexSql("d.r_ua", USER_AGENTS.length, SKEW.userAgent)}] END AS ua,
        ${word("d.r_w1")} AS w1, ${word("d.r_w2")} AS w2, ${word("d.r_w3")} AS w3,
        CASE WHEN d.r_rare < ${RARE_WORD_RATE} THEN ' ${RARE_WORD}' ELSE '' END AS rare,
        floor(200 + power(d.r_bytes, 3) * 500000)::int AS bytes
      FROM (
        SELECT g, $2::timestamptz - interval '${DAYS} days' * power(1 - (g - 0.5) / $3::float8, ${AGE_POWER}) AS base,
          ${DRAWS.map((r) => `random() AS ${r}`).join(", ")}
        FROM generate_series($4::bigint, $5::bigint) AS g
        OFFSET 0
      ) d
      JOIN ${PROFILES} ON p.n = ${skewedIndexSql("d.r_mod", MODULES.length, SKEW.module)}
      OFFSET 0
    ) a
    OFFSET 0
  ) e`;
}

export interface LoadProgress {
  (done: number, total: number): void;
}

/** Loads events 1..total in chunks; answers the seconds it took. */
export async function loadEvents(
  sql: SqlSession,
  orgId: string,
  options: { total: number; chunk: number; now: Date; doc: DocShape; onProgress?: LoadProgress },
): Promise<number> {
  const statement = insertEventsSql(options.doc);
  const started = performance.now();
  for (let first = 1; first <= options.total; first += options.chunk) {
    const last = Math.min(options.total, first + options.chunk - 1);
    await sql.query(statement, [orgId, options.now.toISOString(), options.total, first, last]);
    options.onProgress?.(last, options.total);
  }
  return (performance.now() - started) / 1000;
}
