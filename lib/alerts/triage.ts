// Triage: change an alert's status or assignee, or comment on it. Each change is an audit entry
// about the alert, which is also the alert's timeline.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { recordAudit, AUDITED_TX_OPTIONS, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import type { ALERT_STATUSES } from "./query.ts";

export interface AlertPatch {
  status?: (typeof ALERT_STATUSES)[number];
  assignee?: string | null;
  comment?: string;
}

export async function triageAlert(db: PrismaClient, orgId: string, id: string, patch: AlertPatch, by: { actor: Actor; context?: RequestContext }) {
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id, orgId } });
    if (!alert) throw new AppError("not_found", "No such alert.");
    const target = { type: "alert", id: alert.id, label: alert.title };
    const base = { orgId, actor: by.actor, target, context: by.context };
    if (patch.status !== undefined && patch.status !== alert.status) {
      await recordAudit(tx, { ...base, action: "alert.status_changed", detail: { before: { status: alert.status }, after: { status: patch.status } } });
    }
    if (patch.assignee !== undefined && patch.assignee !== alert.assignee) {
      await recordAudit(tx, { ...base, action: "alert.assigned", detail: { before: { assignee: alert.assignee }, after: { assignee: patch.assignee } } });
    }
    if (patch.comment) await recordAudit(tx, { ...base, action: "alert.commented", detail: { comment: patch.comment } });
    return tx.alert.update({ where: { id: alert.id }, data: { status: patch.status, assignee: patch.assignee } });
  }, AUDITED_TX_OPTIONS);
}
