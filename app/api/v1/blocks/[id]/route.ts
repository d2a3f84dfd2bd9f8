// Lift a block early (settings:write). Audited.
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { liftBlock } from "@/lib/response/blocks.ts";
import { idParams } from "@/lib/validation/params.ts";

export const DELETE = route(
  { permission: "settings:write", params: idParams },
  async ({ principal, params, context, db }) => {
    await liftBlock(db, params.id!, { orgId: principal.orgId, actor: actorOf(principal), context });
    return new Response(null, { status: 204 });
  },
);
