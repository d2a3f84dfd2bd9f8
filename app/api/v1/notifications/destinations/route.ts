// Webhook destinations for alerts (settings:write): list, and create one with a name, an http(s)
// URL (sealed at rest, shown as a hint) and a minimum severity. Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { createDestination, destinationSchema, listDestinations } from "@/lib/notifications/destinations.ts";

export const GET = route({ permission: "settings:write" }, async ({ principal, db }) => ({
  items: await listDestinations(db, principal.orgId),
}));

export const POST = route(
  { permission: "settings:write", body: destinationSchema },
  async ({ principal, body, context, db }) =>
    Response.json(await createDestination(db, body, { orgId: principal.orgId, actor: actorOf(principal), context }), {
      status: 201,
    }),
);
