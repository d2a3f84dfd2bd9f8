// A user's live sessions (users:read); DELETE revokes them all (users:write).
import { actorOf } from "@/lib/audit/actor.ts";
import { revokeSessions } from "@/lib/auth/sessions.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { sessionsOf, userInOrg } from "@/lib/users/directory.ts";

export const GET = route({ permission: "users:read", params: idParams }, async ({ principal, params }) => {
  const user = await userInOrg(prisma(), principal!.orgId, params.id!);
  return { sessions: await sessionsOf(prisma(), user.id, principal!.sessionId) };
});

export const DELETE = route({ permission: "users:write", params: idParams }, async ({ principal, params, context }) => {
  const user = await userInOrg(prisma(), principal!.orgId, params.id!);
  const revoked = await revokeSessions(prisma(), { userId: user.id }, { actor: actorOf(principal!), context, reason: "revoked_by_admin" });
  return { revoked: revoked.length };
});
