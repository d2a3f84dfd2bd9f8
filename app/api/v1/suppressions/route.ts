// Suppressions (alerts:read): active ones and those of the last week, with how often each
// silenced a detection. They are made from an alert ("suppress similar", PATCH /alerts/{id}).
import { route } from "@/lib/http/route.ts";
import { listSuppressions } from "@/lib/alerts/suppressions.ts";

export const GET = route({ permission: "alerts:read" }, async ({ principal, db }) => ({
  items: await listSuppressions(db, principal.orgId),
}));
