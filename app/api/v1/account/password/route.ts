// Change my own password (the current one is required). My other sessions end.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { changeOwnPassword } from "@/lib/users/password-change.ts";

const body = z.object({
  currentPassword: z.string().min(1, "required").max(1024),
  newPassword: z.string().min(1, "required").max(1024),
});

export const POST = route({ authenticated: true, body }, async ({ principal, body, context, db }) => {
  await changeOwnPassword(
    db,
    { userId: principal.id, sessionId: principal.sessionId, actor: actorOf(principal), context },
    body,
  );
  return new Response(null, { status: 204 });
});
