// Change a role. For now: whether it requires MFA (relaxing it is audited and flagged).
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { idParams } from "@/lib/validation/params.ts";
import { setRoleMfaRequired } from "@/lib/settings/security.ts";

const body = z.object({ mfaRequired: z.boolean() }).strict();

export const PATCH = route({ permission: "roles:write", params: idParams, body }, async ({ principal, params, body, context }) => {
  const role = await setRoleMfaRequired(prisma(), params.id!, body.mfaRequired, { orgId: principal!.orgId, actor: actorOf(principal!), context });
  return { id: role.id, name: role.name, mfaRequired: role.mfaRequired };
});
