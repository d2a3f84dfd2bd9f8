// Admin MFA reset: the user enrolls again at next sign-in; their sessions end.
import { actorOf } from "@/lib/audit/actor.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { userInOrg } from "@/lib/users/directory.ts";
import { resetMfa } from "@/lib/users/mfa.ts";

export const DELETE = route({ permission: "users:write", params: idParams }, async ({ principal, params, context }) => {
  const user = await userInOrg(prisma(), principal!.orgId, params.id!);
  await resetMfa(prisma(), { userId: user.id, actor: actorOf(principal!), context });
  return new Response(null, { status: 204 });
});
