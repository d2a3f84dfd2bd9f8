// Admin overrides of single rules: switch a rule or detector off, or give a threshold rule another
// threshold or window. Audited with before/after.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";

export const ruleSettingSchema = z
  .object({
    enabled: z.boolean(),
    threshold: z.number().int().min(1, "must be 1-10000").max(10_000, "must be 1-10000").nullable(),
    windowSeconds: z.number().int().min(1, "must be 1-86400 seconds").max(86_400, "must be 1-86400 seconds").nullable(),
  })
  .partial()
  .strict();

export type RuleSettingInput = z.infer<typeof ruleSettingSchema>;

export interface RuleOverride {
  enabled: boolean;
  threshold: number | null;
  windowSeconds: number | null;
}

export async function ruleOverrides(db: PrismaClient, orgId: string): Promise<Map<string, RuleOverride>> {
  const rows = await db.ruleSetting.findMany({ where: { orgId } });
  return new Map(
    rows.map((r) => [r.ruleId, { enabled: r.enabled, threshold: r.threshold, windowSeconds: r.windowSeconds }]),
  );
}

export async function setRuleOverride(
  db: PrismaClient,
  rule: { id: string; kind: string },
  input: RuleSettingInput,
  by: { orgId: string; actor: Actor; context?: RequestContext },
): Promise<RuleOverride> {
  if (rule.kind !== "threshold" && (input.threshold != null || input.windowSeconds != null)) {
    throw new AppError("unprocessable", "Only threshold rules have a threshold and a window.", [
      { path: input.threshold != null ? "threshold" : "windowSeconds", message: "not a threshold rule" },
    ]);
  }
  const row = await db.ruleSetting.findUnique({ where: { orgId_ruleId: { orgId: by.orgId, ruleId: rule.id } } });
  const before: RuleOverride = {
    enabled: row?.enabled ?? true,
    threshold: row?.threshold ?? null,
    windowSeconds: row?.windowSeconds ?? null,
  };
  const after: RuleOverride = { ...before, ...input };
  const changes = Object.fromEntries(
    (Object.keys(after) as (keyof RuleOverride)[])
      .filter((k) => before[k] !== after[k])
      .map((k) => [k, { old: before[k], new: after[k] }]),
  );
  if (Object.keys(changes).length === 0) return before;
  await withAudit(
    db,
    (tx) =>
      tx.ruleSetting.upsert({
        where: { orgId_ruleId: { orgId: by.orgId, ruleId: rule.id } },
        create: { orgId: by.orgId, ruleId: rule.id, ...after },
        update: after,
      }),
    () => ({
      orgId: by.orgId,
      action: "rule.updated",
      actor: by.actor,
      target: { type: "rule", id: rule.id },
      detail: { changes },
      context: by.context,
    }),
  );
  return after;
}
