// Bulk triage (alerts:write): the same change (acknowledge, assign, close…) to up to 500 alerts,
// each in its own transaction and audit entry; the answer lists what failed and why.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { AppError, type FieldError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";
import { GrantRefusedError } from "@/lib/rbac/grants.ts";
import { triageAlert } from "@/lib/alerts/triage.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";
import { triageSchema } from "@/lib/validation/alerts.ts";

const body = z
  .object({
    ids: z.array(z.uuid("must be alert ids")).min(1, "at least one alert").max(500, "at most 500 alerts"),
    patch: triageSchema,
  })
  .strict();

export const POST = route({ permission: "alerts:write", body }, async ({ principal, body, context, db }) => {
  const failed: { id: string; detail: string; errors?: FieldError[] }[] = [];
  let updated = 0;
  for (const id of new Set(body.ids)) {
    try {
      await triageAlert(db, principal.orgId, id, body.patch, {
        actor: actorOf(principal),
        permissions: principal.permissions,
        context,
      });
      updated += 1;
    } catch (error) {
      // A refusal under the grant rule answers the whole request (403, audited), not one alert.
      if (!(error instanceof AppError) || error instanceof GrantRefusedError) throw error;
      failed.push({ id, detail: error.message, errors: error.errors });
    }
  }
  if (body.patch.suppress) invalidateRuleset(principal.orgId);
  return { updated, failed };
});
