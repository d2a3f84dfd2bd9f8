// Triage: acknowledge (with a reason and optional expiry), assign, comment, close with a
// disposition and reason, reopen, and "suppress similar". Each change is an audit entry about the
// alert, which is also the alert's timeline; the live feed hears about it after the commit.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { recordAudit, AUDITED_TX_OPTIONS, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { publishAlertChanges } from "./changes.ts";
import { isClosedAlertStatus, type AlertDisposition, type AlertStatus } from "@/lib/vocabulary.ts";
import { alertView } from "./query.ts";
import { createSuppression } from "./suppressions.ts";

export interface AlertPatch {
  status?: AlertStatus;
  assignee?: string | null;
  comment?: string;
  reason?: string;
  ackExpiresAt?: Date | null;
  disposition?: AlertDisposition;
  suppress?: { minutes: number; scope: "entity" | "everywhere" };
}

const need = (path: string, message: string) => new AppError("unprocessable", message, [{ path, message }]);

function closingDisposition(patch: AlertPatch): AlertDisposition {
  if (patch.status === "false_positive") {
    if (patch.disposition && patch.disposition !== "false_positive")
      throw need("disposition", "a false positive's disposition is false_positive");
    return "false_positive";
  }
  if (!patch.disposition)
    throw need("disposition", "closing needs a disposition: true_positive, benign_positive or duplicate");
  if (patch.disposition === "false_positive")
    throw need("disposition", "close a false positive with status false_positive");
  return patch.disposition;
}

/** `by.permissions`: what the actor holds (suppressing everywhere needs rules:write too). */
export async function triageAlert(
  db: PrismaClient,
  orgId: string,
  id: string,
  patch: AlertPatch,
  by: { actor: Actor; permissions: readonly string[]; context?: RequestContext },
  now = new Date(),
) {
  const updated = await db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id, orgId } });
    if (!alert) throw new AppError("not_found", "No such alert.");
    const target = { type: "alert", id: alert.id, label: alert.title };
    const base = { orgId, actor: by.actor, target, context: by.context };
    const reason = patch.reason ?? patch.comment;
    const data: Record<string, unknown> = {};

    if (patch.ackExpiresAt && patch.ackExpiresAt <= now) throw need("ackExpiresAt", "must be in the future");
    if (patch.status !== undefined && patch.status !== alert.status) {
      const closing = isClosedAlertStatus(patch.status);
      if ((patch.status === "acknowledged" || closing) && !reason)
        throw need(
          "reason",
          `say why (${patch.status === "acknowledged" ? "acknowledging" : "closing"} needs a reason)`,
        );
      const disposition = closing ? closingDisposition(patch) : null;
      data.status = patch.status;
      if (patch.status !== "new") data.acknowledgedAt = alert.acknowledgedAt ?? now;
      if (patch.status === "acknowledged")
        Object.assign(data, { ackReason: reason, ackExpiresAt: patch.ackExpiresAt ?? null });
      Object.assign(data, closing ? { resolvedAt: now, disposition } : { resolvedAt: null, disposition: null });
      await recordAudit(tx, {
        ...base,
        action: "alert.status_changed",
        detail: {
          before: { status: alert.status },
          after: { status: patch.status },
          ...(reason ? { reason } : {}),
          ...(disposition ? { disposition } : {}),
          ...(patch.status === "acknowledged" && patch.ackExpiresAt ? { until: patch.ackExpiresAt.toISOString() } : {}),
        },
      });
    } else if (patch.disposition || patch.ackExpiresAt) {
      throw need(
        patch.disposition ? "disposition" : "ackExpiresAt",
        patch.disposition ? "a disposition goes with closing the alert" : "an expiry goes with acknowledging the alert",
      );
    }
    if (patch.assignee !== undefined && patch.assignee !== alert.assignee) {
      if (patch.assignee) {
        const user = await tx.user.findFirst({
          where: { orgId, email: patch.assignee.toLowerCase(), disabled: false },
        });
        if (!user) throw need("assignee", "no enabled user has that email");
      }
      data.assignee = patch.assignee ? patch.assignee.toLowerCase() : null;
      await recordAudit(tx, {
        ...base,
        action: "alert.assigned",
        detail: { before: { assignee: alert.assignee }, after: { assignee: data.assignee } },
      });
    }
    if (patch.comment)
      await recordAudit(tx, { ...base, action: "alert.commented", detail: { comment: patch.comment } });
    if (patch.suppress) {
      const ruleIds = [
        ...new Set([alert.ruleId, ...((alert.breakdown as { rules?: { id: string }[] }).rules ?? []).map((r) => r.id)]),
      ];
      await createSuppression(
        tx,
        {
          orgId,
          ruleIds,
          entity: patch.suppress.scope === "entity" ? { type: alert.entityType, value: alert.entityValue } : null,
          reason: reason ?? "suppressed from the alert",
          minutes: patch.suppress.minutes,
          alertId: alert.id,
        },
        by,
        now,
      );
    }
    return tx.alert.update({ where: { id: alert.id }, data });
  }, AUDITED_TX_OPTIONS);
  publishAlertChanges([{ orgId, created: false, alert: alertView(updated) }]);
  return updated;
}
