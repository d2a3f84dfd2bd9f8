// Admin-forced password reset: a one-time password, answered once, to be changed at next sign-in.
// The user's sessions end; their MFA stays.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { resetPassword } from "@/lib/users/password-change.ts";

const idParams = z.object({ id: z.uuid("must be an id") });

export const POST = route({ permission: "users:write", params: idParams }, async ({ principal, params, context }) => {
  const oneTimePassword = await resetPassword(prisma(), { userId: params.id!, orgId: principal!.orgId, actor: actorOf(principal!), context });
  return Response.json({ oneTimePassword }, { headers: { "cache-control": "no-store" } });
});
