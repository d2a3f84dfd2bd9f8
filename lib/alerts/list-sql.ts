// The alerts list as one SQL statement, shaped for the indexes on "Alert" (see schema.prisma):
// the keyset condition is a row comparison, ("lastSeenAt", "id") < (…, …), which a btree uses as
// the start of its range scan; Prisma's `a < x OR (a = x AND id < y)` is only a filter, so a page
// 5,000 deep read and threw away the 5,000 rows above it. ORDER BY is exactly the index's order.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";
import { SEVERITY_MIN_SCORE, type AlertStatus, type Severity } from "@/lib/vocabulary.ts";
import { likePattern } from "@/lib/db/like-pattern.ts";

export const ALERT_SORTS = ["lastSeen", "created", "score"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
const SORT_COLUMN = { lastSeen: "lastSeenAt", created: "createdAt", score: "score" } as const;

export interface AlertListFilters {
  status?: AlertStatus[];
  severity?: Severity;
  since?: Date;
  until?: Date;
  /** Alerts created or changed at or after this time (the live feed's catch-up after a gap). */
  changedSince?: Date;
  rule?: string;
  entity?: string;
  assignee?: string;
  q?: string;
  sort?: AlertSort;
}

export interface AlertCursor {
  value: Date | number;
  id: string;
}

/** The columns a list item shows (not the event ids or the score breakdown). */
export const ALERT_LIST_COLUMNS = Prisma.raw(
  [
    "id",
    "title",
    "ruleId",
    "category",
    "severity",
    "score",
    "status",
    "disposition",
    "incidentId",
    "assignee",
    "entityType",
    "entityValue",
    "techniques",
    "count",
    "firstSeenAt",
    "lastSeenAt",
    "createdAt",
    "updatedAt",
  ]
    .map((c) => `"${c}"`)
    .join(", "),
);

export function encodeCursor(row: { id: string; lastSeenAt: Date; createdAt: Date; score: number }, sort: AlertSort) {
  const value = row[SORT_COLUMN[sort]];
  return Buffer.from(`${value instanceof Date ? value.toISOString() : value}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string, sort: AlertSort): AlertCursor {
  const [raw, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const value = sort === "score" ? Number(raw) : new Date(raw ?? "");
  const bad = typeof value === "number" ? !Number.isInteger(value) : Number.isNaN(value.getTime());
  if (bad || !/^[0-9a-f-]{36}$/.test(id ?? ""))
    throw new AppError("bad_request", "The cursor is not valid.", [{ path: "cursor", message: "invalid cursor" }]);
  return { value, id: id! };
}

const timestamp = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;

function conditions(orgId: string, f: AlertListFilters, cursor: AlertCursor | undefined): Prisma.Sql[] {
  const sort = f.sort ?? "lastSeen";
  const where = [Prisma.sql`"orgId" = ${orgId}::uuid`];
  if (f.status?.length) where.push(Prisma.sql`"status" IN (${Prisma.join(f.status)})`);
  // A severity band is a score range: the score index (and the score sort) can use it.
  if (f.severity) where.push(Prisma.sql`"score" >= ${SEVERITY_MIN_SCORE[f.severity]}::int`);
  if (f.since) where.push(Prisma.sql`"lastSeenAt" >= ${timestamp(f.since)}`);
  if (f.until) where.push(Prisma.sql`"firstSeenAt" <= ${timestamp(f.until)}`);
  if (f.changedSince) where.push(Prisma.sql`"updatedAt" >= ${timestamp(f.changedSince)}`);
  if (f.rule) where.push(Prisma.sql`"ruleId" = ${f.rule}`);
  if (f.entity) where.push(Prisma.sql`"entityValue" = ${f.entity}`);
  if (f.assignee)
    where.push(f.assignee === "none" ? Prisma.sql`"assignee" IS NULL` : Prisma.sql`"assignee" = ${f.assignee}`);
  if (f.q) {
    // Each ILIKE is a trigram match on Alert_search_trgm_idx (a BitmapOr of the three columns).
    const p = likePattern(f.q);
    where.push(
      Prisma.sql`("title" ILIKE ${p} ESCAPE '\\' OR "entityValue" ILIKE ${p} ESCAPE '\\' OR "ruleId" ILIKE ${p} ESCAPE '\\')`,
    );
  }
  if (cursor) {
    const value = typeof cursor.value === "number" ? Prisma.sql`${cursor.value}::int` : timestamp(cursor.value);
    where.push(Prisma.sql`(${Prisma.raw(`"${SORT_COLUMN[sort]}"`)}, "id") < (${value}, ${cursor.id}::uuid)`);
  }
  return where;
}

/** One page (plus one row, to tell whether there is a next page) of the filtered list. */
export function alertListSql(orgId: string, f: AlertListFilters, cursor: AlertCursor | undefined, take: number) {
  const sort = f.sort ?? "lastSeen";
  const where = Prisma.join(conditions(orgId, f, cursor), " AND ");
  const order = Prisma.sql`ORDER BY ${Prisma.raw(`"${SORT_COLUMN[sort]}"`)} DESC, "id" DESC LIMIT ${take}::int`;
  if (f.until && sort === "lastSeen") return untilSql(f.until, where, order);
  return Prisma.sql`SELECT ${ALERT_LIST_COLUMNS} FROM "Alert" WHERE ${where} ${order}`;
}

/**
 * `until` (first seen at or before U) in lastSeen order. The planner reads "firstSeenAt" <= U as a
 * uniform filter and walks the lastSeen index from the top, but for a U days ago the matches sit
 * under every newer alert (700 ms at 200k). As firstSeenAt <= lastSeenAt, the matches are the
 * alerts last seen by U (a range of the lastSeen index) after the few still active at U, found
 * whole (by whichever of the firstSeenAt and lastSeenAt indexes is narrower) and sorted.
 */
function untilSql(until: Date, where: Prisma.Sql, order: Prisma.Sql) {
  const u = timestamp(until);
  return Prisma.sql`
    WITH "spanning" AS MATERIALIZED (
      SELECT ${ALERT_LIST_COLUMNS} FROM "Alert" WHERE ${where} AND "lastSeenAt" > ${u}
    )
    SELECT * FROM (
      (SELECT * FROM "spanning" ${order})
      UNION ALL
      (SELECT ${ALERT_LIST_COLUMNS} FROM "Alert" WHERE ${where} AND "lastSeenAt" <= ${u} ${order})
    ) AS "page" ${order}`;
}
