// Reading alerts: the filtered, cursor-paged list (newest activity first) and one alert with its
// events and timeline. The timeline is the audit log's entries about the alert.
import type { Alert, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import { AppError } from "@/lib/http/errors.ts";
import type { Severity } from "@/lib/vocabulary.ts";
import { alertListSql, decodeCursor, encodeCursor, type AlertListFilters } from "./list-sql.ts";

export { ALERT_SORTS, type AlertSort } from "./list-sql.ts";

export interface AlertFilters extends AlertListFilters {
  cursor?: string;
  limit: number;
}

/** What a list item needs of an alert. */
export type AlertListRow = Pick<
  Alert,
  | "id"
  | "title"
  | "ruleId"
  | "category"
  | "severity"
  | "score"
  | "status"
  | "disposition"
  | "incidentId"
  | "assignee"
  | "entityType"
  | "entityValue"
  | "techniques"
  | "count"
  | "firstSeenAt"
  | "lastSeenAt"
  | "createdAt"
  | "updatedAt"
>;

export function alertView(alert: AlertListRow) {
  return {
    id: alert.id,
    title: alert.title,
    ruleId: alert.ruleId,
    category: alert.category,
    severity: alert.severity as Severity,
    score: alert.score,
    status: alert.status,
    disposition: alert.disposition,
    incidentId: alert.incidentId,
    assignee: alert.assignee,
    entity: { type: alert.entityType, value: alert.entityValue },
    techniques: alert.techniques,
    count: alert.count,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    createdAt: alert.createdAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
  };
}

export type AlertView = ReturnType<typeof alertView>;

// Adapters differ in how raw timestamptz and integer columns arrive; normalise.
const normalise = (row: AlertListRow): AlertListRow => ({
  ...row,
  score: Number(row.score),
  count: Number(row.count),
  firstSeenAt: new Date(row.firstSeenAt),
  lastSeenAt: new Date(row.lastSeenAt),
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

export async function listAlerts(db: PrismaClient, orgId: string, f: AlertFilters) {
  const sort = f.sort ?? "lastSeen";
  const cursor = f.cursor ? decodeCursor(f.cursor, sort) : undefined;
  const rows = (await db.$queryRaw<AlertListRow[]>(alertListSql(orgId, f, cursor, f.limit + 1))).map(normalise);
  const page = rows.slice(0, f.limit);
  return { items: page.map(alertView), nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!, sort) : null };
}

export async function alertDetail(db: PrismaClient, orgId: string, id: string) {
  const alert = await db.alert.findFirst({ where: { id, orgId } });
  if (!alert) throw new AppError("not_found", "No such alert.");
  const events = await db.event.findMany({
    where: { orgId, eventId: { in: alert.eventIds } },
    orderBy: { timestamp: "asc" },
    take: 100,
  });
  const timeline = await db.auditEntry.findMany({
    where: { orgId, targetType: "alert", targetId: alert.id },
    orderBy: { seq: "asc" },
  });
  return {
    ...alertView(alert),
    breakdown: alert.breakdown,
    events: events.map((e) => ({ id: e.eventId, timestamp: e.timestamp.toISOString(), doc: storedDocument(e) })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      action: t.action,
      actor: t.actorLabel,
      detail: t.detail,
    })),
  };
}
