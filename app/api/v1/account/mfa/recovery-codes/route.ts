// Replace my recovery codes (a current authenticator code is required); answers the new ones, once.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { regenerateRecoveryCodes } from "@/lib/users/mfa.ts";

const body = z.object({ code: z.string().trim().min(1, "required").max(16) });

export const POST = route({ authenticated: true, body }, async ({ principal, body, context, db }) => {
  const recoveryCodes = await regenerateRecoveryCodes(
    db,
    { userId: principal.id, actor: actorOf(principal), context },
    body.code,
  );
  return Response.json({ recoveryCodes }, { headers: { "cache-control": "no-store" } });
});
