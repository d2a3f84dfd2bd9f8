// Sigma rules added by admins. A rule is validated by the same loader as the shipped set; one
// that does not load is refused with the loader's reason, never stored half-understood.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { parseSigmaRule, type SigmaRule } from "@/lib/detection/sigma-engine/index.ts";

interface By {
  orgId: string;
  actor: Actor;
  context?: RequestContext;
}

export const MAX_RULE_BYTES = 64 * 1024;

export function validateSigma(yaml: string, reservedIds: ReadonlySet<string>): SigmaRule {
  if (Buffer.byteLength(yaml) > MAX_RULE_BYTES)
    throw new AppError("unprocessable", "The rule is too large.", [{ path: "yaml", message: "at most 64 KB" }]);
  const parsed = parseSigmaRule(yaml, "upload");
  if (!("rule" in parsed && Object.hasOwn(parsed, "rule"))) {
    const { reason } = (parsed as { error: { reason: string } }).error;
    throw new AppError("unprocessable", `The rule does not load: ${reason}`, [{ path: "yaml", message: reason }]);
  }
  if (reservedIds.has(parsed.rule.id)) {
    throw new AppError("conflict", `A shipped rule already has the id ${parsed.rule.id}.`, [
      { path: "yaml", message: "id taken by a shipped rule" },
    ]);
  }
  return parsed.rule;
}

export async function addCustomRule(db: PrismaClient, yaml: string, reservedIds: ReadonlySet<string>, by: By) {
  const rule = validateSigma(yaml, reservedIds);
  const existing = await db.customRule.findUnique({ where: { orgId_ruleId: { orgId: by.orgId, ruleId: rule.id } } });
  return withAudit(
    db,
    (tx) =>
      tx.customRule.upsert({
        where: { orgId_ruleId: { orgId: by.orgId, ruleId: rule.id } },
        create: { orgId: by.orgId, ruleId: rule.id, title: rule.title, yaml, createdBy: by.actor.label },
        update: { title: rule.title, yaml },
      }),
    () => ({
      orgId: by.orgId,
      action: existing ? "rule.updated" : "rule.created",
      actor: by.actor,
      target: { type: "rule", id: rule.id },
      detail: existing
        ? { changes: { title: { old: existing.title, new: rule.title }, yaml: { old: existing.yaml, new: yaml } } }
        : { title: rule.title, level: rule.level },
      context: by.context,
    }),
  );
}

export async function deleteCustomRule(db: PrismaClient, ruleId: string, by: By) {
  const existing = await db.customRule.findUnique({ where: { orgId_ruleId: { orgId: by.orgId, ruleId } } });
  if (!existing) throw new AppError("not_found", "No uploaded rule has that id.");
  await withAudit(
    db,
    (tx) => tx.customRule.delete({ where: { id: existing.id } }),
    () => ({
      orgId: by.orgId,
      action: "rule.deleted",
      actor: by.actor,
      target: { type: "rule", id: ruleId },
      detail: { title: existing.title },
      context: by.context,
    }),
  );
}

export async function customSigmaRules(db: PrismaClient, orgId: string): Promise<SigmaRule[]> {
  const rows = await db.customRule.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
  return rows.flatMap((row) => {
    const parsed = parseSigmaRule(row.yaml, "upload");
    return "rule" in parsed && Object.hasOwn(parsed, "rule") ? [parsed.rule] : [];
  });
}
