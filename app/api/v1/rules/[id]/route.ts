// One rule: PATCH (rules:write) switches it on or off or, for a threshold rule, changes its
// threshold and window; DELETE (rules:write) removes an uploaded Sigma rule. Audited.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";
import { findRule } from "@/lib/rules/catalogue.ts";
import { deleteCustomRule } from "@/lib/rules/custom-rules.ts";
import { ruleSettingSchema, setRuleOverride } from "@/lib/rules/rule-settings.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";

const params = z.object({ id: z.string().min(1, "must be a rule id").max(200, "must be a rule id") });

export const PATCH = route(
  { permission: "rules:write", params, body: ruleSettingSchema },
  async ({ principal, params, body, context, db }) => {
    const rule = await findRule(db, principal.orgId, params.id!);
    if (!rule) throw new AppError("not_found", "No rule has that id.");
    const override = await setRuleOverride(db, rule, body, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      context,
    });
    invalidateRuleset(principal.orgId);
    return { id: rule.id, ...override };
  },
);

export const DELETE = route({ permission: "rules:write", params }, async ({ principal, params, context, db }) => {
  await deleteCustomRule(db, params.id!, { orgId: principal.orgId, actor: actorOf(principal), context });
  invalidateRuleset(principal.orgId);
  return new Response(null, { status: 204 });
});
