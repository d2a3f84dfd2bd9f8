// One webhook destination (settings:write): PATCH name, URL, minimum severity or enabled; DELETE.
// Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { deleteDestination, destinationPatchSchema, updateDestination } from "@/lib/notifications/destinations.ts";
import { idParams } from "@/lib/validation/params.ts";

export const PATCH = route(
  { permission: "settings:write", params: idParams, body: destinationPatchSchema },
  async ({ principal, params, body, context, db }) =>
    updateDestination(db, params.id!, body, { orgId: principal.orgId, actor: actorOf(principal), context }),
);

export const DELETE = route(
  { permission: "settings:write", params: idParams },
  async ({ principal, params, context, db }) => {
    await deleteDestination(db, params.id!, { orgId: principal.orgId, actor: actorOf(principal), context });
    return new Response(null, { status: 204 });
  },
);
