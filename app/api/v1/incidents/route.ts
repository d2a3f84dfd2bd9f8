// Incidents (alerts:read): newest activity first, optionally by status. POST (alerts:write)
// opens one, escalating the given alerts into it. Audited.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { createIncident, incidentView, listIncidents, newIncidentSchema } from "@/lib/incidents/incidents.ts";
import { INCIDENT_STATUSES } from "@/lib/vocabulary.ts";

const query = z.object({
  status: z.preprocess(
    (v) => (typeof v === "string" && v ? v.split(",") : undefined),
    z.array(z.enum(INCIDENT_STATUSES, { error: `must be among ${INCIDENT_STATUSES.join(", ")}` })).optional(),
  ),
});

export const GET = route({ permission: "alerts:read", query }, async ({ principal, query, db }) => ({
  items: await listIncidents(db, principal.orgId, query.status),
}));

export const POST = route(
  { permission: "alerts:write", body: newIncidentSchema },
  async ({ principal, body, context, db }) => {
    const incident = await createIncident(db, body, { orgId: principal.orgId, actor: actorOf(principal), context });
    return Response.json(incidentView(incident), { status: 201 });
  },
);
