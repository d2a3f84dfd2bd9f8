// A user's live sessions (users:read); DELETE revokes them all (users:write, and holding every
// permission the user holds).
import { actorOf } from "@/lib/audit/actor.ts";
import { revokeUserSessions } from "@/lib/users/admin.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { sessionsOf, userInOrg } from "@/lib/users/directory.ts";

export const GET = route({ permission: "users:read", params: idParams }, async ({ principal, params, db }) => {
  const user = await userInOrg(db, principal.orgId, params.id!);
  return { sessions: await sessionsOf(db, user.id, principal.sessionId) };
});

export const DELETE = route(
  { permission: "users:write", params: idParams },
  async ({ principal, params, context, db }) => {
    const revoked = await revokeUserSessions(db, params.id!, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return { revoked: revoked.length };
  },
);
