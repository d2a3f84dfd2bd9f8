// Incidents: alerts escalated into a case with an owner, status, severity, summary and a timeline
// (the incident's audit entries, including notes). Every change is audited with before/after.
import { z } from "zod";
import type { Incident, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { alertView } from "@/lib/alerts/query.ts";
import { publishAlertChanges } from "@/lib/alerts/changes.ts";
import { recordAudit, AUDITED_TX_OPTIONS, type Actor, type RequestContext, type Tx } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import {
  CLOSED_INCIDENT_STATUSES,
  INCIDENT_STATUSES,
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
} from "@/lib/vocabulary.ts";

const alertIds = z.array(z.uuid("must be alert ids")).max(500, "at most 500 alerts");

export const newIncidentSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters"),
    severity: z.enum(SEVERITIES, { error: "must be low, medium, high or critical" }).optional(),
    owner: z.string().trim().max(320).nullable().optional(),
    summary: z.string().trim().max(10_000, "at most 10000 characters").optional(),
    alertIds: alertIds.default([]),
  })
  .strict();

export const incidentPatchSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters").optional(),
    status: z.enum(INCIDENT_STATUSES, { error: `must be one of ${INCIDENT_STATUSES.join(", ")}` }).optional(),
    severity: z.enum(SEVERITIES, { error: "must be low, medium, high or critical" }).optional(),
    owner: z.string().trim().max(320).nullable().optional(),
    summary: z.string().trim().max(10_000, "at most 10000 characters").optional(),
    note: z.string().trim().min(1, "must not be empty").max(5_000, "at most 5000 characters").optional(),
    addAlerts: alertIds.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to change" });

interface By {
  orgId: string;
  actor: Actor;
  context?: RequestContext;
}

export function incidentView(incident: Incident) {
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    owner: incident.owner,
    summary: incident.summary,
    createdBy: incident.createdBy,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    closedAt: incident.closedAt?.toISOString() ?? null,
  };
}

async function checkOwner(tx: Tx, orgId: string, owner: string | null | undefined) {
  if (!owner) return;
  if (!(await tx.user.findFirst({ where: { orgId, email: owner.toLowerCase(), disabled: false } }))) {
    throw new AppError("unprocessable", "No enabled user has that email.", [
      { path: "owner", message: "no enabled user has that email" },
    ]);
  }
}

async function attachAlerts(tx: Tx, incident: Incident, ids: string[], by: By) {
  if (ids.length === 0) return [];
  const alerts = await tx.alert.findMany({ where: { orgId: by.orgId, id: { in: ids } } });
  if (alerts.length !== new Set(ids).size)
    throw new AppError("unprocessable", "Some alerts do not exist.", [{ path: "alertIds", message: "unknown alert" }]);
  await tx.alert.updateMany({ where: { id: { in: ids } }, data: { incidentId: incident.id } });
  for (const alert of alerts) {
    await recordAudit(tx, {
      orgId: by.orgId,
      actor: by.actor,
      context: by.context,
      action: "alert.escalated",
      target: { type: "alert", id: alert.id, label: alert.title },
      detail: { incident: incident.id, title: incident.title },
    });
  }
  await recordAudit(tx, {
    orgId: by.orgId,
    actor: by.actor,
    context: by.context,
    action: "incident.alerts_added",
    target: { type: "incident", id: incident.id, label: incident.title },
    detail: { alerts: ids },
  });
  return tx.alert.findMany({ where: { id: { in: ids } } });
}

export async function createIncident(db: PrismaClient, input: z.infer<typeof newIncidentSchema>, by: By) {
  const { incident, alerts } = await db.$transaction(async (tx) => {
    await checkOwner(tx, by.orgId, input.owner);
    const linked = input.alertIds.length
      ? await tx.alert.findMany({ where: { orgId: by.orgId, id: { in: input.alertIds } }, select: { severity: true } })
      : [];
    const worst = linked.map((a) => a.severity as Severity).sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])[0];
    const incident = await tx.incident.create({
      data: {
        orgId: by.orgId,
        title: input.title,
        severity: input.severity ?? worst ?? "medium",
        owner: input.owner?.toLowerCase() ?? null,
        summary: input.summary,
        createdBy: by.actor.label ?? "unknown",
      },
    });
    await recordAudit(tx, {
      orgId: by.orgId,
      actor: by.actor,
      context: by.context,
      action: "incident.created",
      target: { type: "incident", id: incident.id, label: incident.title },
      detail: { severity: incident.severity, owner: incident.owner },
    });
    return { incident, alerts: await attachAlerts(tx, incident, input.alertIds, by) };
  }, AUDITED_TX_OPTIONS);
  publishAlertChanges(alerts.map((a) => ({ orgId: by.orgId, created: false, alert: alertView(a) })));
  return incident;
}

export async function updateIncident(db: PrismaClient, id: string, patch: z.infer<typeof incidentPatchSchema>, by: By) {
  const { incident, alerts } = await db.$transaction(async (tx) => {
    const before = await tx.incident.findFirst({ where: { id, orgId: by.orgId } });
    if (!before) throw new AppError("not_found", "No such incident.");
    if (patch.owner !== undefined) await checkOwner(tx, by.orgId, patch.owner);
    const fields = {
      title: patch.title,
      status: patch.status,
      severity: patch.severity,
      owner: patch.owner === undefined ? undefined : (patch.owner?.toLowerCase() ?? null),
      summary: patch.summary,
    };
    const changes = Object.fromEntries(
      Object.entries(fields)
        .filter(([key, value]) => value !== undefined && value !== before[key as keyof typeof fields])
        .map(([key, value]) => [key, { old: before[key as keyof typeof fields], new: value }]),
    );
    let incident = before;
    if (Object.keys(changes).length) {
      const closing = (CLOSED_INCIDENT_STATUSES as readonly string[]).includes(patch.status ?? "");
      incident = await tx.incident.update({
        where: { id },
        data: { ...fields, closedAt: patch.status ? (closing ? (before.closedAt ?? new Date()) : null) : undefined },
      });
      await recordAudit(tx, {
        orgId: by.orgId,
        actor: by.actor,
        context: by.context,
        action: "incident.updated",
        target: { type: "incident", id, label: incident.title },
        detail: { changes },
      });
    }
    if (patch.note)
      await recordAudit(tx, {
        orgId: by.orgId,
        actor: by.actor,
        context: by.context,
        action: "incident.commented",
        target: { type: "incident", id, label: incident.title },
        detail: { comment: patch.note },
      });
    return { incident, alerts: await attachAlerts(tx, incident, patch.addAlerts ?? [], by) };
  }, AUDITED_TX_OPTIONS);
  publishAlertChanges(alerts.map((a) => ({ orgId: by.orgId, created: false, alert: alertView(a) })));
  return incident;
}

export async function listIncidents(db: PrismaClient, orgId: string, status?: string[]) {
  const rows = await db.incident.findMany({
    where: { orgId, ...(status?.length ? { status: { in: status } } : {}) },
    orderBy: { updatedAt: "desc" },
    take: 200,
  });
  const counts = await db.alert.groupBy({
    by: ["incidentId"],
    where: { orgId, incidentId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const byId = new Map(counts.map((c) => [c.incidentId, c._count._all]));
  return rows.map((r) => ({ ...incidentView(r), alerts: byId.get(r.id) ?? 0 }));
}

export async function incidentDetail(db: PrismaClient, orgId: string, id: string) {
  const incident = await db.incident.findFirst({ where: { id, orgId } });
  if (!incident) throw new AppError("not_found", "No such incident.");
  const [alerts, timeline] = await Promise.all([
    db.alert.findMany({ where: { orgId, incidentId: id }, orderBy: { lastSeenAt: "desc" } }),
    db.auditEntry.findMany({ where: { orgId, targetType: "incident", targetId: id }, orderBy: { seq: "asc" } }),
  ]);
  return {
    ...incidentView(incident),
    alerts: alerts.map(alertView),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      action: t.action,
      actor: t.actorLabel,
      detail: t.detail,
    })),
  };
}
