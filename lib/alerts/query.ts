// Reading alerts: the filtered, cursor-paged list (newest activity first) and one alert with its
// events and timeline. The timeline is the audit log's entries about the alert.
import type { Alert, Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";

export const ALERT_STATUSES = ["new", "acknowledged", "in_progress", "resolved", "false_positive"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
const SEVERITY_MIN_SCORE = { low: 0, medium: 40, high: 70, critical: 90 } as const;

export interface AlertFilters {
  status?: (typeof ALERT_STATUSES)[number][];
  severity?: (typeof SEVERITIES)[number];
  since?: Date;
  until?: Date;
  rule?: string;
  entity?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

export function alertView(alert: Alert) {
  return {
    id: alert.id,
    title: alert.title,
    ruleId: alert.ruleId,
    category: alert.category,
    severity: alert.severity,
    score: alert.score,
    status: alert.status,
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

const encodeCursor = (a: Pick<Alert, "lastSeenAt" | "id">) => Buffer.from(`${a.lastSeenAt.toISOString()}|${a.id}`).toString("base64url");

function decodeCursor(cursor: string): { lastSeenAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const lastSeenAt = new Date(at ?? "");
  if (Number.isNaN(lastSeenAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? "")) throw new AppError("bad_request", "The cursor is not valid.", [{ path: "cursor", message: "invalid cursor" }]);
  return { lastSeenAt, id: id! };
}

export async function listAlerts(db: PrismaClient, orgId: string, f: AlertFilters) {
  const and: Prisma.AlertWhereInput[] = [{ orgId }];
  if (f.status?.length) and.push({ status: { in: f.status } });
  if (f.severity) and.push({ score: { gte: SEVERITY_MIN_SCORE[f.severity] } });
  if (f.since) and.push({ lastSeenAt: { gte: f.since } });
  if (f.until) and.push({ firstSeenAt: { lte: f.until } });
  if (f.rule) and.push({ ruleId: f.rule });
  if (f.entity) and.push({ entityValue: f.entity });
  if (f.q) and.push({ OR: [{ title: { contains: f.q, mode: "insensitive" } }, { entityValue: { contains: f.q, mode: "insensitive" } }] });
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    and.push({ OR: [{ lastSeenAt: { lt: c.lastSeenAt } }, { lastSeenAt: c.lastSeenAt, id: { lt: c.id } }] });
  }
  const rows = await db.alert.findMany({ where: { AND: and }, orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }], take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { items: page.map(alertView), nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function alertDetail(db: PrismaClient, orgId: string, id: string) {
  const alert = await db.alert.findFirst({ where: { id, orgId } });
  if (!alert) throw new AppError("not_found", "No such alert.");
  const events = await db.event.findMany({ where: { orgId, eventId: { in: alert.eventIds } }, orderBy: { timestamp: "asc" }, take: 100 });
  const timeline = await db.auditEntry.findMany({ where: { orgId, targetType: "alert", targetId: alert.id }, orderBy: { seq: "asc" } });
  return {
    ...alertView(alert),
    breakdown: alert.breakdown,
    events: events.map((e) => ({ id: e.eventId, timestamp: e.timestamp.toISOString(), doc: e.doc })),
    timeline: timeline.map((t) => ({ at: t.at.toISOString(), action: t.action, actor: t.actorLabel, detail: t.detail })),
  };
}
