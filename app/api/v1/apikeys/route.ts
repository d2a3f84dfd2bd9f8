// API keys of my org: list (apikeys:read) and create (apikeys:write). The token is in the
// creation response only; scopes must be a subset of the creator's (effective) permissions. A key
// made by a key belongs to that key's owner, is narrowed by both and stops when either does.
import { z } from "zod";
import { apiKeyView, createApiKey, keyActorOf, listApiKeys } from "@/lib/apikeys/manage.ts";
import { route } from "@/lib/http/route.ts";

export const GET = route({ permission: "apikeys:read" }, async ({ principal, db }) => ({
  keys: (await listApiKeys(db, principal.orgId)).map(apiKeyView),
}));

const body = z.object({
  name: z.string().trim().min(1, "required").max(100),
  scopes: z.array(z.string()).min(1, "at least one scope").max(50),
  expiresAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).nullish(),
  rateLimitPerMinute: z.number().int("must be a whole number").min(1).max(1_000_000).nullish(),
});

export const POST = route({ permission: "apikeys:write", body }, async ({ principal, body, context, db }) => {
  const { key, token } = await createApiKey(
    db,
    {
      orgId: principal.orgId,
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      rateLimitPerMinute: body.rateLimitPerMinute,
    },
    keyActorOf(principal, context),
  );
  return Response.json({ ...apiKeyView(key), token }, { status: 201, headers: { "cache-control": "no-store" } });
});
