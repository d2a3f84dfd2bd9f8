// The delivery log (settings:write): the last 100 alert notifications, with attempts, the
// destination's answer and the next retry.
import { route } from "@/lib/http/route.ts";
import { listDeliveries } from "@/lib/notifications/delivery.ts";

export const GET = route({ permission: "settings:write" }, async ({ principal, db }) => ({
  items: await listDeliveries(db, principal.orgId),
}));
