// Blocked source IPs (alerts:read): active blocks, automatic or manual. POST (settings:write)
// blocks an address for a number of minutes. Audited.
import { isIP } from "node:net";
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { activeBlocks, blockIp } from "@/lib/response/blocks.ts";

export const GET = route({ permission: "alerts:read" }, async ({ principal, db }) => ({
  items: await activeBlocks(db, principal.orgId),
}));

const body = z
  .object({
    ip: z.string().refine((v) => isIP(v) !== 0, "must be an IPv4 or IPv6 address"),
    minutes: z.number().int("must be a whole number").min(1, "must be 1-43200").max(43_200, "must be 1-43200"),
    reason: z.string().trim().min(1, "must say why").max(500, "at most 500 characters"),
  })
  .strict();

export const POST = route({ permission: "settings:write", body }, async ({ principal, body, context, db }) => {
  const { block, created } = await blockIp(db, {
    orgId: principal.orgId,
    ip: body.ip,
    minutes: body.minutes,
    reason: body.reason,
    actor: actorOf(principal),
    context,
  });
  return Response.json(block, { status: created ? 201 : 200 });
});
