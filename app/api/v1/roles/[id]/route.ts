// Change or delete a role (roles:write). Built-in roles: only their MFA requirement changes.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { deleteRole, updateRole } from "@/lib/rbac/roles.ts";
import { idParams } from "@/lib/validation/params.ts";

const body = z
  .object({
    name: z.string().trim().min(1, "required").max(40).optional(),
    description: z.string().trim().max(200).nullish(),
    permissions: z.array(z.string()).max(50).optional(),
    mfaRequired: z.boolean().optional(),
  })
  .strict();

export const PATCH = route(
  { permission: "roles:write", params: idParams, body },
  async ({ principal, params, body, context, db }) => {
    const role = await updateRole(db, params.id!, body, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return {
      id: role.id,
      name: role.name,
      description: role.description,
      permissions: role.permissions,
      builtIn: role.builtIn,
      mfaRequired: role.mfaRequired,
    };
  },
);

export const DELETE = route(
  { permission: "roles:write", params: idParams },
  async ({ principal, params, context, db }) => {
    await deleteRole(db, params.id!, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return new Response(null, { status: 204 });
  },
);
