// Rotate an API key (apikeys:write, holding all its scopes): a new secret, answered once (so the
// caller must hold all the key may do); the old one keeps working for
// `graceHours` (default 24, 0-168) so senders can switch without losing events.
import { z } from "zod";
import { apiKeyView, DEFAULT_ROTATION_GRACE_HOURS, keyActorOf, rotateApiKey } from "@/lib/apikeys/manage.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";

const body = z.object({ graceHours: z.number().int("must be a whole number of hours").optional() }).strict();

export const POST = route(
  { permission: "apikeys:write", params: idParams, body },
  async ({ principal, params, body, context, db }) => {
    const { key, token } = await rotateApiKey(
      db,
      principal.orgId,
      params.id!,
      body.graceHours ?? DEFAULT_ROTATION_GRACE_HOURS,
      keyActorOf(principal, context),
    );
    return Response.json({ ...apiKeyView(key), token }, { headers: { "cache-control": "no-store" } });
  },
);
