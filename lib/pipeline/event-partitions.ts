// The events table's partitions: one LIST partition per org, and inside it one RANGE partition per
// UTC day of "timestamp", with a DEFAULT partition at each level for what has no partition yet
// (an org created a moment ago, an event from before the partitions or far in the future).
// Made ahead by the app (server start, then hourly), never on the ingest path: DDL on the
// partitioned table takes locks that ingest would queue behind. Creating a partition first moves
// the rows its DEFAULT already holds for it, since PostgreSQL refuses a partition whose rows
// would sit in the DEFAULT one.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { rawTransaction, type RawExecutor } from "@/lib/db/raw.ts";

export const DAY_MS = 86_400_000;
/** Days made ahead of today, so that midnight never finds its partition missing. */
export const DAYS_AHEAD = 3;
/** Instances make partitions one at a time. */
const PARTITION_LOCK_KEY = 72707411;

const orgPart = (orgId: string) => `Event_o_${orgId.replaceAll("-", "")}`;
const dayKey = (day: Date) => day.toISOString().slice(0, 10).replaceAll("-", "");
export const dayPartitionName = (orgId: string, day: Date) => `${orgPart(orgId)}_d${dayKey(day)}`;
const orgDefaultName = (orgId: string) => `${orgPart(orgId)}_default`;
const quoted = (name: string) => `"${name}"`;

/** The UTC midnight at or before `at`. */
export const startOfDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

export interface DayPartition {
  orgId: string;
  name: string;
  /** UTC midnight: the partition holds [day, day + 24 h). */
  day: Date;
}

function assertUuid(orgId: string) {
  // Names and bounds are spliced into DDL (it takes no parameters): only a uuid may get there.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(orgId))
    throw new Error(`not an org id: ${orgId}`);
}

/** The partitions that exist, by name. */
async function partitionNames(query: RawExecutor): Promise<Set<string>> {
  const rows = await query<{ name: string }>(
    `SELECT relid::regclass::text AS name FROM pg_partition_tree('"Event"') WHERE relid <> '"Event"'::regclass`,
    [],
  );
  return new Set(rows.map((r) => r.name.replace(/^"|"$/g, "")));
}

/** The org's day partitions, oldest first. */
export async function dayPartitions(db: PrismaClient, orgId: string): Promise<DayPartition[]> {
  assertUuid(orgId);
  return rawTransaction(db, async (query) => dayPartitionsOf(query, orgId));
}

async function dayPartitionsOf(query: RawExecutor, orgId: string): Promise<DayPartition[]> {
  const prefix = `${orgPart(orgId)}_d`;
  return [...(await partitionNames(query))]
    .filter((name) => name.startsWith(prefix) && /^\d{8}$/.test(name.slice(prefix.length)))
    .map((name) => {
      const key = name.slice(prefix.length);
      return { orgId, name, day: new Date(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}T00:00:00Z`) };
    })
    .sort((a, b) => a.day.getTime() - b.day.getTime());
}

/**
 * Moves the rows of DEFAULT partition `from` that match `where` out of the way, runs `create`
 * (which makes the partition they belong in), and stores them again through the parent.
 */
async function withRowsMovedOut(query: RawExecutor, from: string, where: string, create: () => Promise<void>) {
  const [{ n }] = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoted(from)} WHERE ${where}`, [])) as [
    { n: number },
  ];
  if (n === 0) return create();
  await query(`CREATE TEMP TABLE "moving_events" (LIKE "Event") ON COMMIT DROP`, []);
  await query(
    `WITH moved AS (DELETE FROM ${quoted(from)} WHERE ${where} RETURNING *) INSERT INTO "moving_events" SELECT * FROM moved`,
    [],
  );
  await create();
  await query(`INSERT INTO "Event" SELECT * FROM "moving_events"`, []);
  await query(`DROP TABLE "moving_events"`, []);
}

async function ensureOrgPartition(query: RawExecutor, orgId: string, existing: Set<string>) {
  if (existing.has(orgPart(orgId))) return false;
  await withRowsMovedOut(query, "Event_default", `"orgId" = '${orgId}'::uuid`, async () => {
    await query(
      `CREATE TABLE ${quoted(orgPart(orgId))} PARTITION OF "Event" FOR VALUES IN ('${orgId}') PARTITION BY RANGE ("timestamp")`,
      [],
    );
    await query(`CREATE TABLE ${quoted(orgDefaultName(orgId))} PARTITION OF ${quoted(orgPart(orgId))} DEFAULT`, []);
  });
  existing.add(orgPart(orgId));
  return true;
}

async function ensureDayPartition(query: RawExecutor, orgId: string, day: Date, existing: Set<string>) {
  const name = dayPartitionName(orgId, day);
  if (existing.has(name)) return false;
  const from = day.toISOString();
  const to = new Date(day.getTime() + DAY_MS).toISOString();
  const inRange = `"timestamp" >= '${from}'::timestamptz AND "timestamp" < '${to}'::timestamptz`;
  await withRowsMovedOut(query, orgDefaultName(orgId), inRange, () =>
    query(
      `CREATE TABLE ${quoted(name)} PARTITION OF ${quoted(orgPart(orgId))} FOR VALUES FROM ('${from}') TO ('${to}')`,
      [],
    ).then(() => undefined),
  );
  existing.add(name);
  return true;
}

/**
 * Makes every org's partition and its day partitions from `keepFrom` (the oldest day retention
 * keeps) to DAYS_AHEAD days ahead, moving any rows their DEFAULT partitions hold for them. Days
 * outside that span stay in the DEFAULT partition: a sender's stray timestamps cannot make
 * thousands of tables. Answers the partitions it made.
 */
export async function ensureEventPartitions(
  db: PrismaClient,
  orgs: { orgId: string; keepFrom: Date }[],
  now = new Date(),
): Promise<string[]> {
  const made: string[] = [];
  await rawTransaction(db, async (query) => {
    await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${PARTITION_LOCK_KEY})`, []);
    const existing = await partitionNames(query);
    const lastDay = startOfDay(new Date(now.getTime() + DAYS_AHEAD * DAY_MS));
    for (const { orgId, keepFrom } of orgs) {
      assertUuid(orgId);
      if (await ensureOrgPartition(query, orgId, existing)) made.push(orgPart(orgId));
      // Yesterday at least: late events of the day just ended are common.
      const firstDay = startOfDay(new Date(Math.min(keepFrom.getTime(), now.getTime() - DAY_MS)));
      for (let day = firstDay; day <= lastDay; day = new Date(day.getTime() + DAY_MS))
        if (await ensureDayPartition(query, orgId, day, existing)) made.push(dayPartitionName(orgId, day));
    }
  });
  return made;
}

export interface DroppedDay {
  day: Date;
  events: number;
  bytes: number;
}

/**
 * Removes the org's events from before `cutoff` (a UTC midnight): drops each day partition that
 * ends at or before it, and deletes the older rows that sit in the org's DEFAULT partition.
 * Answers what went, day by day (the DEFAULT partition's rows as a day of their own: `day` is the
 * cutoff).
 */
export async function dropEventsBefore(
  query: RawExecutor,
  orgId: string,
  cutoff: Date,
): Promise<{ days: DroppedDay[]; strays: number }> {
  assertUuid(orgId);
  if (cutoff.getTime() !== startOfDay(cutoff).getTime()) throw new Error("the cutoff must be a UTC midnight");
  await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${PARTITION_LOCK_KEY})`, []);
  const days: DroppedDay[] = [];
  for (const partition of await dayPartitionsOf(query, orgId)) {
    if (partition.day.getTime() + DAY_MS > cutoff.getTime()) break;
    const [size] = await query<{ events: number; bytes: string }>(
      `SELECT (SELECT count(*)::int FROM ${quoted(partition.name)}) AS events, pg_total_relation_size('${quoted(partition.name)}')::text AS bytes`,
      [],
    );
    await query(`DROP TABLE ${quoted(partition.name)}`, []);
    days.push({ day: partition.day, events: size?.events ?? 0, bytes: Number(size?.bytes ?? 0) });
  }
  const strays = (await partitionNames(query)).has(orgDefaultName(orgId))
    ? await query<{ n: number }>(
        `WITH gone AS (DELETE FROM ${quoted(orgDefaultName(orgId))} WHERE "timestamp" < $1::timestamptz RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [cutoff.toISOString()],
      )
    : [{ n: 0 }];
  // Events stored before the org had partitions at all.
  const [unpartitioned] = await query<{ n: number }>(
    `WITH gone AS (DELETE FROM "Event_default" WHERE "orgId" = $1::uuid AND "timestamp" < $2::timestamptz RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [orgId, cutoff.toISOString()],
  );
  return { days, strays: (strays[0]?.n ?? 0) + (unpartitioned?.n ?? 0) };
}
