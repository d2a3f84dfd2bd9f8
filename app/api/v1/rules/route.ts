// Detection rules (rules:read): every detector, threshold rule and Sigma rule with its state and
// hit count. POST (rules:write) adds or replaces an uploaded Sigma rule; one that does not load is
// refused with the loader's reason on the `yaml` field.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { listRules, shippedRuleIds } from "@/lib/rules/catalogue.ts";
import { addCustomRule } from "@/lib/rules/custom-rules.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";

export const GET = route({ permission: "rules:read" }, async ({ principal, db }) => ({
  items: await listRules(db, principal.orgId),
}));

const body = z
  .object({ yaml: z.string({ error: "must be the rule's YAML text" }).min(1, "must not be empty") })
  .strict();

export const POST = route({ permission: "rules:write", body }, async ({ principal, body, context, db }) => {
  const rule = await addCustomRule(db, body.yaml, shippedRuleIds(), {
    orgId: principal.orgId,
    actor: actorOf(principal),
    context,
  });
  invalidateRuleset(principal.orgId);
  return Response.json({ id: rule.ruleId, title: rule.title }, { status: 201 });
});
