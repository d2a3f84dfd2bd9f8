// Admin-forced password reset: a one-time password, answered once, to be changed at next sign-in.
// The user's sessions end; their MFA stays. Only by someone holding every permission the user holds.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { resetPassword } from "@/lib/users/password-change.ts";

export const POST = route(
  { permission: "users:write", params: idParams },
  async ({ principal, params, context, db }) => {
    const oneTimePassword = await resetPassword(db, {
      userId: params.id!,
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return Response.json({ oneTimePassword }, { headers: { "cache-control": "no-store" } });
  },
);
