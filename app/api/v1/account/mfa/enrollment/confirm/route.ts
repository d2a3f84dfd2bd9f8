// Confirm enrollment with a code from the authenticator; answers the 10 recovery codes, once.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { confirmEnrollment } from "@/lib/users/mfa.ts";

const body = z.object({ code: z.string().trim().min(1, "required").max(16) });

export const POST = route({ authenticated: true, body }, async ({ principal, body, context, db }) => {
  const recoveryCodes = await confirmEnrollment(
    db,
    { userId: principal.id, actor: actorOf(principal), context },
    body.code,
  );
  return Response.json({ recoveryCodes }, { headers: { "cache-control": "no-store" } });
});
