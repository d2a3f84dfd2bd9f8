// Suppressions in the database: made from an alert ("suppress similar": its rules, its entity, a
// duration and a reason), lifted early by an analyst, and counted when they silence a detection.
// One for every entity switches the rules off for everyone: that is a rule change, so it needs
// rules:write as well as alerts:write (the grant rule, lib/rbac/grants.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { recordAudit, withAudit, type Actor, type RequestContext, type Tx } from "@/lib/audit/record.ts";
import type { ActiveSuppression } from "@/lib/detection/suppression.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayGrant } from "@/lib/rbac/grants.ts";

export interface SuppressionInput {
  orgId: string;
  ruleIds: string[];
  entity: { type: string; value: string } | null;
  reason: string;
  minutes: number;
  alertId?: string;
}

/** A suppression without an entity type and value silences its rules for everyone (as activeSuppressions reads it). */
export const isOrgWide = (entity: SuppressionInput["entity"]) => !entity?.type || !entity.value;

export async function createSuppression(
  tx: Tx,
  input: SuppressionInput,
  by: { actor: Actor; permissions: readonly string[]; context?: RequestContext },
  now = new Date(),
) {
  if (isOrgWide(input.entity)) {
    assertMayGrant(by, ["rules:write"], {
      field: "suppress.scope",
      action: `suppress ${input.ruleIds.join(", ")} for every entity, which switches the rules off`,
    });
  }
  const suppression = await tx.suppression.create({
    data: {
      orgId: input.orgId,
      ruleIds: input.ruleIds,
      entityType: input.entity?.type ?? null,
      entityValue: input.entity?.value ?? null,
      reason: input.reason,
      alertId: input.alertId,
      createdBy: by.actor.label ?? "unknown",
      expiresAt: new Date(now.getTime() + input.minutes * 60_000),
    },
  });
  await recordAudit(tx, {
    orgId: input.orgId,
    action: "suppression.created",
    actor: by.actor,
    target: input.alertId ? { type: "alert", id: input.alertId } : { type: "suppression", id: suppression.id },
    detail: {
      suppression: suppression.id,
      rules: input.ruleIds,
      entity: input.entity,
      reason: input.reason,
      until: suppression.expiresAt.toISOString(),
    },
    context: by.context,
  });
  return suppression;
}

export async function activeSuppressions(
  db: PrismaClient,
  orgId: string,
  now = new Date(),
): Promise<ActiveSuppression[]> {
  const rows = await db.suppression.findMany({ where: { orgId, liftedAt: null, expiresAt: { gt: now } }, take: 1000 });
  return rows.map((r) => ({
    id: r.id,
    ruleIds: r.ruleIds,
    entity:
      r.entityType && r.entityValue ? { type: r.entityType as "ip" | "user" | "host", value: r.entityValue } : null,
    expiresAt: r.expiresAt,
  }));
}

export async function listSuppressions(db: PrismaClient, orgId: string, now = new Date()) {
  const rows = await db.suppression.findMany({
    where: {
      orgId,
      OR: [{ liftedAt: null, expiresAt: { gt: now } }, { createdAt: { gt: new Date(now.getTime() - 7 * 86_400_000) } }],
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    ruleIds: r.ruleIds,
    entity: r.entityType ? { type: r.entityType, value: r.entityValue } : null,
    reason: r.reason,
    alertId: r.alertId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    liftedAt: r.liftedAt?.toISOString() ?? null,
    active: !r.liftedAt && r.expiresAt > now,
    hits: r.hits,
    lastHitAt: r.lastHitAt?.toISOString() ?? null,
  }));
}

export async function liftSuppression(
  db: PrismaClient,
  id: string,
  by: { orgId: string; actor: Actor; context?: RequestContext },
  now = new Date(),
) {
  const row = await db.suppression.findFirst({ where: { id, orgId: by.orgId } });
  if (!row) throw new AppError("not_found", "No suppression has that id.");
  if (row.liftedAt || row.expiresAt <= now) throw new AppError("conflict", "That suppression is no longer active.");
  await withAudit(
    db,
    (tx) => tx.suppression.update({ where: { id }, data: { liftedAt: now } }),
    () => ({
      orgId: by.orgId,
      action: "suppression.lifted",
      actor: by.actor,
      target: { type: "suppression", id },
      detail: { rules: row.ruleIds, entity: row.entityValue },
      context: by.context,
    }),
  );
}
