// One incident (alerts:read) with its alerts and timeline. PATCH (alerts:write) changes title,
// status, severity, owner or summary, adds a note, or escalates more alerts into it. Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { incidentDetail, incidentPatchSchema, updateIncident } from "@/lib/incidents/incidents.ts";
import { idParams } from "@/lib/validation/params.ts";

export const GET = route({ permission: "alerts:read", params: idParams }, async ({ principal, params, db }) =>
  incidentDetail(db, principal.orgId, params.id!),
);

export const PATCH = route(
  { permission: "alerts:write", params: idParams, body: incidentPatchSchema },
  async ({ principal, params, body, context, db }) => {
    await updateIncident(db, params.id!, body, { orgId: principal.orgId, actor: actorOf(principal), context });
    return incidentDetail(db, principal.orgId, params.id!);
  },
);
