// One incident (alerts:read) with its alerts and timeline. PATCH (alerts:write) changes title,
// status, severity, owner or summary, adds a note, or escalates more alerts into it. Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { incidentDetail, incidentPatchSchema, updateIncident } from "@/lib/incidents/incidents.ts";
import { idParams } from "@/lib/validation/params.ts";

export const GET = route({ permission: "alerts:read", params: idParams }, async ({ principal, params }) =>
  incidentDetail(prisma(), principal!.orgId, params.id!),
);

export const PATCH = route(
  { permission: "alerts:write", params: idParams, body: incidentPatchSchema },
  async ({ principal, params, body, context }) => {
    await updateIncident(prisma(), params.id!, body, { orgId: principal!.orgId, actor: actorOf(principal!), context });
    return incidentDetail(prisma(), principal!.orgId, params.id!);
  },
);
