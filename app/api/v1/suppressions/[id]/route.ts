// Lift a suppression early (alerts:write). Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { liftSuppression } from "@/lib/alerts/suppressions.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";
import { idParams } from "@/lib/validation/params.ts";

export const DELETE = route(
  { permission: "alerts:write", params: idParams },
  async ({ principal, params, context, db }) => {
    await liftSuppression(db, params.id!, { orgId: principal.orgId, actor: actorOf(principal), context });
    invalidateRuleset(principal.orgId);
    return new Response(null, { status: 204 });
  },
);
