// Event retention per org: whole UTC days older than the org's `eventRetentionDays` go, by
// dropping their day partitions (event-partitions.ts), in one audited transaction. Alerts,
// incidents and the audit log keep their own retention: an alert outlives the events it cites.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import {
  recordAudit,
  SYSTEM_ACTOR,
  withAudit,
  AUDITED_TX_OPTIONS,
  type Actor,
  type RequestContext,
} from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import type { RawExecutor } from "@/lib/db/raw.ts";
import { DAY_MS, dayPartitions, dropEventsBefore, ensureEventPartitions, startOfDay } from "./event-partitions.ts";
import { pruneTextDictionary } from "./text-dictionary.ts";

export const EVENT_RETENTION_MIN_DAYS = 1;
export const EVENT_RETENTION_MAX_DAYS = 3650;

/** The first UTC midnight kept: everything before it goes. */
export const retentionCutoff = (retentionDays: number, now: Date) =>
  new Date(startOfDay(now).getTime() - retentionDays * DAY_MS);

/** Removes the org's events older than its retention; answers what went (nothing: no audit entry). */
export async function applyEventRetention(db: PrismaClient, orgId: string, now = new Date()) {
  const org = await db.org.findUniqueOrThrow({ where: { id: orgId }, select: { eventRetentionDays: true } });
  const cutoff = retentionCutoff(org.eventRetentionDays, now);
  return db.$transaction(async (tx) => {
    const query: RawExecutor = (sql, params) => tx.$queryRawUnsafe(sql, ...params);
    const result = await dropEventsBefore(query, orgId, cutoff);
    // Derived from the events, like the rollups: not audited on its own.
    await pruneTextDictionary(query, orgId, cutoff);
    const events = result.days.reduce((sum, d) => sum + d.events, 0) + result.strays;
    if (result.days.length === 0 && result.strays === 0) return { cutoff, ...result, events };
    await recordAudit(tx, {
      orgId,
      action: "events.retention_applied",
      actor: SYSTEM_ACTOR,
      target: { type: "events", id: null, label: `before ${cutoff.toISOString().slice(0, 10)}` },
      detail: {
        retentionDays: org.eventRetentionDays,
        cutoff: cutoff.toISOString(),
        events,
        days: result.days.map((d) => ({ day: d.day.toISOString().slice(0, 10), events: d.events, bytes: d.bytes })),
        outsidePartitions: result.strays,
      },
    });
    return { cutoff, ...result, events };
  }, AUDITED_TX_OPTIONS);
}

/** Makes every org's partitions for the days its retention keeps and the days ahead. */
export async function ensureAllEventPartitions(db: PrismaClient, now = new Date()) {
  const orgs = await db.org.findMany({ select: { id: true, eventRetentionDays: true } });
  return ensureEventPartitions(
    db,
    orgs.map((o) => ({ orgId: o.id, keepFrom: retentionCutoff(o.eventRetentionDays, now) })),
    now,
  );
}

export async function setEventRetention(
  db: PrismaClient,
  days: number,
  by: { orgId: string; actor: Actor; context?: RequestContext },
) {
  if (!Number.isInteger(days) || days < EVENT_RETENTION_MIN_DAYS || days > EVENT_RETENTION_MAX_DAYS)
    throw new AppError(
      "unprocessable",
      `Event retention must be ${EVENT_RETENTION_MIN_DAYS}-${EVENT_RETENTION_MAX_DAYS} days.`,
      [
        {
          path: "eventRetentionDays",
          message: `must be a whole number of days, ${EVENT_RETENTION_MIN_DAYS}-${EVENT_RETENTION_MAX_DAYS}`,
        },
      ],
    );
  const before = await db.org.findUniqueOrThrow({ where: { id: by.orgId }, select: { eventRetentionDays: true } });
  if (before.eventRetentionDays === days) return;
  await withAudit(
    db,
    (tx) => tx.org.update({ where: { id: by.orgId }, data: { eventRetentionDays: days } }),
    () => ({
      orgId: by.orgId,
      action: "settings.updated",
      actor: by.actor,
      target: { type: "settings", id: "retention" },
      detail: { changes: { eventRetentionDays: { old: before.eventRetentionDays, new: days } } },
      context: by.context,
    }),
  );
}

/**
 * What Admin shows: events and bytes stored per day, and what the next run removes. Row counts
 * are the planner's estimates (pg_class.reltuples, kept fresh by ANALYZE): counting a day of
 * millions of rows exactly for a settings page would cost seconds.
 */
export async function eventStorage(db: PrismaClient, orgId: string, now = new Date()) {
  const org = await db.org.findUniqueOrThrow({ where: { id: orgId }, select: { eventRetentionDays: true } });
  const partitions = await dayPartitions(db, orgId);
  const sizes = partitions.length
    ? await db.$queryRawUnsafe<{ name: string; rows: number; bytes: string }[]>(
        `SELECT c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows, pg_total_relation_size(c.oid)::text AS bytes
         FROM pg_class c WHERE c.relname = ANY($1::text[])`,
        partitions.map((p) => p.name),
      )
    : [];
  const byName = new Map(sizes.map((s) => [s.name, s]));
  const days = partitions.map((p) => ({
    day: p.day.toISOString().slice(0, 10),
    events: Math.round(Number(byName.get(p.name)?.rows ?? 0)),
    bytes: Number(byName.get(p.name)?.bytes ?? 0),
  }));
  // The next run is the next hourly pass after midnight; it keeps `retentionDays` whole days.
  const nextRunCutoff = retentionCutoff(org.eventRetentionDays, new Date(startOfDay(now).getTime() + DAY_MS));
  const nextDay = nextRunCutoff.toISOString().slice(0, 10);
  return {
    retentionDays: org.eventRetentionDays,
    days,
    totals: { events: days.reduce((s, d) => s + d.events, 0), bytes: days.reduce((s, d) => s + d.bytes, 0) },
    next: {
      at: new Date(startOfDay(now).getTime() + DAY_MS).toISOString(),
      removesBefore: nextDay,
      days: days.filter((d) => d.day < nextDay),
    },
  };
}
