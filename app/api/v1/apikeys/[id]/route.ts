// Revoke an API key (apikeys:write, holding all its scopes): it stops working on its next
// request, and the keys it made (and theirs) are revoked with it.
import { apiKeyView, keyActorOf, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";

export const DELETE = route(
  { permission: "apikeys:write", params: idParams },
  async ({ principal, params, context, db }) => {
    const key = await revokeApiKey(db, principal.orgId, params.id!, keyActorOf(principal, context));
    return apiKeyView(key);
  },
);
