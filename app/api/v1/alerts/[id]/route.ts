// One alert (alerts:read): its events, rules and score breakdown, and timeline. PATCH
// (alerts:write) triages it: status (acknowledging and closing need a reason, closing a
// disposition), assignee, comment, an acknowledgement expiry, and "suppress similar".
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { alertDetail, alertView } from "@/lib/alerts/query.ts";
import { triageAlert } from "@/lib/alerts/triage.ts";
import { invalidateRuleset } from "@/lib/rules/ruleset.ts";
import { triageSchema } from "@/lib/validation/alerts.ts";
import { idParams } from "@/lib/validation/params.ts";

export const GET = route({ permission: "alerts:read", params: idParams }, async ({ principal, params, db }) =>
  alertDetail(db, principal.orgId, params.id!),
);

export const PATCH = route(
  { permission: "alerts:write", params: idParams, body: triageSchema },
  async ({ principal, params, body, context, db }) => {
    const alert = await triageAlert(db, principal.orgId, params.id!, body, {
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    if (body.suppress) invalidateRuleset(principal.orgId);
    return alertView(alert);
  },
);
