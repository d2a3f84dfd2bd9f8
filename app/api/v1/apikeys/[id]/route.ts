// Revoke an API key (apikeys:write): it stops working on its next request.
import { actorOf } from "@/lib/audit/actor.ts";
import { apiKeyView, revokeApiKey } from "@/lib/apikeys/manage.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";

export const DELETE = route({ permission: "apikeys:write", params: idParams }, async ({ principal, params, context }) => {
  const key = await revokeApiKey(prisma(), principal!.orgId, params.id!, { actor: actorOf(principal!), userId: principal!.kind === "user" ? principal!.id : null, permissions: principal!.permissions, context });
  return apiKeyView(key);
});
