import "server-only";
// Reading the event rollups (kept by lib/pipeline/rollup-events.ts): every count here costs the same
// however many events are stored. Counts without a dimension filter read the minute totals (one row
// a minute), the others EventRollup (a row per combination of dimensions a minute, often fifty and
// more), by half hour when the buckets are whole half hours. Rollups count whole minutes (whole hours per entity): a range starts at the start of the
// bucket holding `since` and ends with the whole minute (hour) holding `until`, the same as raw
// counting over [bucket start, minute end). Buckets are date_bin on the Unix epoch, as the
// overview's axis: independent of the session's time zone.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

export const MINUTE_MS = 60_000;
export const HALF_HOUR_MS = 1_800_000;
export const HOUR_MS = 3_600_000;

export interface RollupFilters {
  module?: string;
  action?: string;
  outcome?: string;
  statusClass?: number;
  /** Read from the category rollup, which has no other dimension: alone. */
  category?: string;
}

export interface CountRange {
  since: Date;
  until: Date;
  bucketMs: number;
}

/** The start of the bucket holding `at` (buckets of `bucketMs` from the Unix epoch). */
export const bucketStart = (at: Date | number, bucketMs: number) =>
  Math.floor(new Date(at).getTime() / bucketMs) * bucketMs;

/** Each bucket's start from the one holding `since` to the one holding `until`. */
export function bucketAxis({ since, until, bucketMs }: CountRange): number[] {
  const start = bucketStart(since, bucketMs);
  const end = bucketStart(until, bucketMs);
  return Array.from({ length: Math.max(0, (end - start) / bucketMs + 1) }, (_, i) => start + i * bucketMs);
}

const interval = (ms: number) => `${ms / 1000} seconds`;
const EPOCH = new Date(0);

/** Events per bucket (bucket start in ms → count), from the minute rollups. */
export async function countEvents(
  db: PrismaClient,
  orgId: string,
  range: CountRange,
  filters: RollupFilters = {},
): Promise<Map<number, number>> {
  const from = new Date(bucketStart(range.since, range.bucketMs));
  const where = Prisma.sql`"orgId" = ${orgId}::uuid AND "minute" >= ${from} AND "minute" <= ${range.until}`;
  const source = filters.category
    ? Prisma.sql`"EventCategoryRollup" WHERE ${where} AND "category" = ${filters.category}`
    : !hasDimensions(filters)
      ? // No filter: one row a minute, whatever the number of combinations of dimensions a minute.
        Prisma.sql`"EventMinuteTotal" WHERE ${where}`
      : range.bucketMs % HALF_HOUR_MS === 0
        ? halfHoursThenMinutes(orgId, from, range.until, filters)
        : Prisma.sql`"EventRollup" WHERE ${where}${dimensions(filters)}`;
  const rows = await db.$queryRaw<{ bucket: Date; n: bigint }[]>`
    SELECT date_bin(${interval(range.bucketMs)}::interval, "minute", ${EPOCH}::timestamptz) AS bucket, sum("count") AS n
    FROM ${source} GROUP BY 1`;
  return new Map(rows.map((r) => [new Date(r.bucket).getTime(), Number(r.n)]));
}

/**
 * Buckets of whole half hours (`from` starts one): the half hours before the one holding `until`
 * from the half-hour level, that last one (partial: up to `until`'s minute) from the minutes.
 */
function halfHoursThenMinutes(orgId: string, from: Date, until: Date, filters: RollupFilters) {
  const lastHalfHour = new Date(Math.max(from.getTime(), bucketStart(until, HALF_HOUR_MS)));
  return Prisma.sql`(
    SELECT "halfHour" AS "minute", "count" FROM "EventHalfHourRollup"
    WHERE "orgId" = ${orgId}::uuid AND "halfHour" >= ${from} AND "halfHour" < ${lastHalfHour}${dimensions(filters)}
    UNION ALL
    SELECT "minute", "count" FROM "EventRollup"
    WHERE "orgId" = ${orgId}::uuid AND "minute" >= ${lastHalfHour} AND "minute" <= ${until}${dimensions(filters)}) AS r`;
}

const hasDimensions = (f: RollupFilters) =>
  f.module !== undefined || f.action !== undefined || f.outcome !== undefined || f.statusClass !== undefined;

function dimensions(f: RollupFilters) {
  const parts: Prisma.Sql[] = [];
  if (f.module !== undefined) parts.push(Prisma.sql` AND "module" = ${f.module}`);
  if (f.action !== undefined) parts.push(Prisma.sql` AND "action" = ${f.action}`);
  if (f.outcome !== undefined) parts.push(Prisma.sql` AND "outcome" = ${f.outcome}`);
  if (f.statusClass !== undefined) parts.push(Prisma.sql` AND "statusClass" = ${f.statusClass}::smallint`);
  return parts.length ? Prisma.join(parts, "") : Prisma.empty;
}

/** Events in the last whole minute before `now`'s: a rate that does not fall as a minute begins. */
export async function eventsLastMinute(db: PrismaClient, orgId: string, now = new Date()): Promise<number> {
  const minute = new Date(bucketStart(now, MINUTE_MS) - MINUTE_MS);
  const [row] = await db.$queryRaw<{ n: bigint | null }[]>`
    SELECT "count" AS n FROM "EventMinuteTotal" WHERE "orgId" = ${orgId}::uuid AND "minute" = ${minute}`;
  return Number(row?.n ?? 0);
}

/** Events in the whole minutes from the one holding `since` to the one holding `until`. */
export async function sumEvents(
  db: PrismaClient,
  orgId: string,
  since: Date,
  until: Date,
  filters: Omit<RollupFilters, "category"> = {},
): Promise<number> {
  const table = hasDimensions(filters) ? Prisma.sql`"EventRollup"` : Prisma.sql`"EventMinuteTotal"`;
  const [row] = await db.$queryRaw<{ n: bigint | null }[]>`
    SELECT sum("count") AS n FROM ${table}
    WHERE "orgId" = ${orgId}::uuid AND "minute" >= ${new Date(bucketStart(since, MINUTE_MS))} AND "minute" <= ${until}${dimensions(filters)}`;
  return Number(row?.n ?? 0);
}

/** Failed sign-ins to the console itself (its own auth.failure events) in the minutes of a range. */
export const countFailedSignIns = (db: PrismaClient, orgId: string, since: Date, until: Date) =>
  sumEvents(db, orgId, since, until, { module: "securenet", action: "auth.failure" });

export type RollupEntityType = "ip" | "user" | "host";

/** One entity's events (and failures) per hour, from the bucket holding `since` to `until`'s. */
export async function countEntityEvents(
  db: PrismaClient,
  orgId: string,
  entity: { type: RollupEntityType; value: string },
  since: Date,
  until: Date,
) {
  const rows = await db.$queryRaw<{ hour: Date; count: number; failures: number }[]>`
    SELECT "hour", "count", "failures" FROM "EntityEventRollup"
    WHERE "orgId" = ${orgId}::uuid AND "entityType" = ${entity.type} AND "entityValue" = ${entity.value}
      AND "hour" >= ${new Date(bucketStart(since, HOUR_MS))} AND "hour" <= ${until}`;
  const by = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
  return bucketAxis({ since, until, bucketMs: HOUR_MS }).map((at) => ({
    at: new Date(at).toISOString(),
    count: Number(by.get(at)?.count ?? 0),
    failures: Number(by.get(at)?.failures ?? 0),
  }));
}

/**
 * Rollup retention: deletes an org's rollups of the whole minutes (half hours, hours) before `before`. Rollups keep
 * their own retention, longer than the events' (they are what the charts of old days read after
 * the events' partitions are dropped); the caller that applies retention decides when.
 */
export async function deleteRollupsBefore(db: PrismaClient, orgId: string, before: Date) {
  const lastMinute = new Date(before.getTime() - MINUTE_MS);
  const [events, halfHours, totals, categories, entities] = await db.$transaction([
    db.eventRollup.deleteMany({ where: { orgId, minute: { lte: lastMinute } } }),
    db.eventHalfHourRollup.deleteMany({
      where: { orgId, halfHour: { lte: new Date(before.getTime() - HALF_HOUR_MS) } },
    }),
    db.eventMinuteTotal.deleteMany({ where: { orgId, minute: { lte: lastMinute } } }),
    db.eventCategoryRollup.deleteMany({ where: { orgId, minute: { lte: lastMinute } } }),
    db.entityEventRollup.deleteMany({ where: { orgId, hour: { lte: new Date(before.getTime() - HOUR_MS) } } }),
  ]);
  return {
    eventRows: events.count,
    halfHourRows: halfHours.count,
    totalRows: totals.count,
    categoryRows: categories.count,
    entityRows: entities.count,
  };
}
