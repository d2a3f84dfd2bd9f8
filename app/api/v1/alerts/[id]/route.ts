// One alert (alerts:read): its events, rules and score breakdown, and timeline. PATCH
// (alerts:write) changes status or assignee, or adds a comment.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { ALERT_STATUSES, alertDetail, alertView } from "@/lib/alerts/query.ts";
import { triageAlert } from "@/lib/alerts/triage.ts";
import { idParams } from "@/lib/validation/params.ts";

export const GET = route({ permission: "alerts:read", params: idParams }, async ({ principal, params }) => alertDetail(prisma(), principal!.orgId, params.id!));

const body = z
  .object({
    status: z.enum(ALERT_STATUSES, { error: `must be one of ${ALERT_STATUSES.join(", ")}` }).optional(),
    assignee: z.string().trim().max(320).nullable().optional(),
    comment: z.string().trim().min(1, "must not be empty").max(5_000).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.comment !== undefined, { message: "give status, assignee or comment" });

export const PATCH = route({ permission: "alerts:write", params: idParams, body }, async ({ principal, params, body, context }) => {
  const alert = await triageAlert(prisma(), principal!.orgId, params.id!, body, { actor: actorOf(principal!), context });
  return alertView(alert);
});
