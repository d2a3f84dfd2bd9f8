// Event retention (settings:write): the org's retention in days, the events and bytes stored per
// day, and what the next run removes.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { eventStorage, setEventRetention } from "@/lib/pipeline/event-retention.ts";

export const GET = route({ permission: "settings:write" }, async ({ principal, db }) =>
  eventStorage(db, principal.orgId),
);

const body = z.object({ eventRetentionDays: z.number().int("must be a whole number of days") }).strict();

export const PATCH = route({ permission: "settings:write", body }, async ({ principal, body, context, db }) => {
  await setEventRetention(db, body.eventRetentionDays, { orgId: principal.orgId, actor: actorOf(principal), context });
  return eventStorage(db, principal.orgId);
});
