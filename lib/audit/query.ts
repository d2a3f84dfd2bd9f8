// Searching an org's audit log, newest first, with keyset pagination on seq: every page is an
// index range scan on (orgId, seq) (or (orgId, action, seq) for one action) below the cursor,
// so page 1,000 costs what page 1 does, even at millions of rows. The planner only picks those
// ordered index scans when the table has statistics (ANALYZE; autovacuum on PostgreSQL): without
// them it estimates a few hundred rows and sorts every row below the cursor instead.
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { AuditFilters, AuditListQuery } from "@/lib/validation/audit.ts";
import { encodeAuditCursor } from "./cursor.ts";
import { likePattern } from "@/lib/db/like-pattern.ts";

/** One entry as the API returns it: plain JSON, seq as a string, time as ISO 8601. */
export interface AuditEntryItem {
  id: string;
  seq: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEntryItem[];
  nextCursor: string | null;
}

export interface AuditRow extends Omit<AuditEntryItem, "seq" | "at"> {
  seq: bigint;
  at: Date;
}

function conditions(orgId: string, filters: AuditFilters, before: bigint | undefined): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`"orgId" = ${orgId}::uuid`];
  if (before !== undefined) where.push(Prisma.sql`"seq" < ${before.toString()}::bigint`);
  if (filters.actor) {
    where.push(
      Prisma.sql`("actorId" = ${filters.actor} OR "actorLabel" ILIKE ${likePattern(filters.actor)} ESCAPE '\\')`,
    );
  }
  if (filters.action?.length) {
    const exact = filters.action.filter((a) => !a.endsWith(".*"));
    const prefixes = filters.action
      .filter((a) => a.endsWith(".*"))
      .map((a) => likePattern(a.slice(0, -1), { prefix: true }));
    const any: Prisma.Sql[] = [];
    if (exact.length) any.push(Prisma.sql`"action" IN (${Prisma.join(exact)})`);
    for (const pattern of prefixes) any.push(Prisma.sql`"action" LIKE ${pattern} ESCAPE '\\'`);
    where.push(Prisma.sql`(${Prisma.join(any, " OR ")})`);
  }
  if (filters.target) {
    where.push(
      Prisma.sql`("targetId" = ${filters.target} OR "targetLabel" ILIKE ${likePattern(filters.target)} ESCAPE '\\')`,
    );
  }
  if (filters.targetType) where.push(Prisma.sql`"targetType" = ${filters.targetType}`);
  if (filters.outcome) where.push(Prisma.sql`"outcome" = ${filters.outcome}`);
  if (filters.since) where.push(Prisma.sql`"at" >= ${filters.since.toISOString()}::timestamptz`);
  if (filters.until) where.push(Prisma.sql`"at" <= ${filters.until.toISOString()}::timestamptz`);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    where.push(Prisma.sql`(
      "action" ILIKE ${pattern} ESCAPE '\\' OR "actorLabel" ILIKE ${pattern} ESCAPE '\\'
      OR "targetLabel" ILIKE ${pattern} ESCAPE '\\' OR "targetId" ILIKE ${pattern} ESCAPE '\\'
      OR "sourceIp" ILIKE ${pattern} ESCAPE '\\' OR "detail"::text ILIKE ${pattern} ESCAPE '\\')`);
  }
  return where;
}

/** The query for one page of matching rows below `before` (exclusive), newest first. */
export function auditPageSql(
  orgId: string,
  filters: AuditFilters,
  page: { before?: bigint; limit: number },
): Prisma.Sql {
  return Prisma.sql`
    SELECT "id", "seq", "at", "actorType", "actorId", "actorLabel", "action", "outcome", "targetType", "targetId",
           "targetLabel", "sourceIp", "userAgent", "requestId", "detail", "prevHash", "hash"
    FROM "AuditEntry"
    WHERE ${Prisma.join(conditions(orgId, filters, page.before), " AND ")}
    ORDER BY "seq" DESC
    LIMIT ${page.limit}`;
}

export async function findAuditRows(
  db: PrismaClient,
  orgId: string,
  filters: AuditFilters,
  page: { before?: bigint; limit: number },
): Promise<AuditRow[]> {
  const rows = await db.$queryRaw<AuditRow[]>(auditPageSql(orgId, filters, page));
  // Adapters differ in how raw bigint and timestamptz columns arrive; normalise.
  return rows.map((row) => ({ ...row, seq: BigInt(row.seq), at: new Date(row.at) }));
}

export function toAuditItem(row: AuditRow): AuditEntryItem {
  return { ...row, seq: row.seq.toString(), at: row.at.toISOString() };
}

/** `orgId` always comes from the principal, never from the request. */
export async function listAuditEntries(db: PrismaClient, orgId: string, query: AuditListQuery): Promise<AuditPage> {
  const { cursor, limit, ...filters } = query;
  const rows = await findAuditRows(db, orgId, filters, { before: cursor, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeAuditCursor(items[items.length - 1]!.seq) : null;
  return { items: items.map(toAuditItem), nextCursor };
}
