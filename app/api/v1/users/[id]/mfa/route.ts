// Admin MFA reset: the user enrolls again at next sign-in; their sessions end. Only by someone
// holding every permission the user holds.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { resetMfa } from "@/lib/users/mfa.ts";

export const DELETE = route(
  { permission: "users:write", params: idParams },
  async ({ principal, params, context, db }) => {
    await resetMfa(db, {
      userId: params.id!,
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return new Response(null, { status: 204 });
  },
);
