// Reading alerts: the filtered, cursor-paged list (newest activity first) and one alert with its
// events and timeline. The timeline is the audit log's entries about the alert.
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import type { Alert, Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";
import { SEVERITY_MIN_SCORE, type AlertStatus, type Severity } from "@/lib/vocabulary.ts";

export interface AlertFilters {
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
  cursor?: string;
  limit: number;
}

export function alertView(alert: Omit<Alert, "eventIds">) {
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

export const ALERT_SORTS = ["lastSeen", "created", "score"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
const SORT_FIELD = { lastSeen: "lastSeenAt", created: "createdAt", score: "score" } as const;

function encodeCursor(alert: Alert, sort: AlertSort) {
  const value = alert[SORT_FIELD[sort]];
  return Buffer.from(`${value instanceof Date ? value.toISOString() : value}|${alert.id}`).toString("base64url");
}

function decodeCursor(cursor: string, sort: AlertSort): { value: Date | number; id: string } {
  const [raw, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const value = sort === "score" ? Number(raw) : new Date(raw ?? "");
  const bad = typeof value === "number" ? !Number.isInteger(value) : Number.isNaN(value.getTime());
  if (bad || !/^[0-9a-f-]{36}$/.test(id ?? ""))
    throw new AppError("bad_request", "The cursor is not valid.", [{ path: "cursor", message: "invalid cursor" }]);
  return { value, id: id! };
}

export async function listAlerts(db: PrismaClient, orgId: string, f: AlertFilters) {
  const sort = f.sort ?? "lastSeen";
  const field = SORT_FIELD[sort];
  const and: Prisma.AlertWhereInput[] = [{ orgId }];
  if (f.status?.length) and.push({ status: { in: f.status } });
  if (f.severity) and.push({ score: { gte: SEVERITY_MIN_SCORE[f.severity] } });
  if (f.since) and.push({ lastSeenAt: { gte: f.since } });
  if (f.until) and.push({ firstSeenAt: { lte: f.until } });
  if (f.changedSince) and.push({ updatedAt: { gte: f.changedSince } });
  if (f.rule) and.push({ ruleId: f.rule });
  if (f.entity) and.push({ entityValue: f.entity });
  if (f.assignee) and.push({ assignee: f.assignee === "none" ? null : f.assignee });
  if (f.q)
    and.push({
      OR: [
        { title: { contains: f.q, mode: "insensitive" } },
        { entityValue: { contains: f.q, mode: "insensitive" } },
        { ruleId: { contains: f.q, mode: "insensitive" } },
      ],
    });
  if (f.cursor) {
    const c = decodeCursor(f.cursor, sort);
    and.push({ OR: [{ [field]: { lt: c.value } }, { [field]: c.value, id: { lt: c.id } }] });
  }
  const rows = await db.alert.findMany({
    where: { AND: and },
    orderBy: [{ [field]: "desc" }, { id: "desc" }],
    take: f.limit + 1,
  });
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
