// Roles of my org: list (users:read, to assign them) and create a custom role (roles:write).
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { createRole, listRoles } from "@/lib/rbac/roles.ts";

export const GET = route({ permission: "users:read" }, async ({ principal, db }) => ({
  roles: await listRoles(db, principal.orgId),
}));

const body = z.object({
  name: z.string().trim().min(1, "required").max(40),
  description: z.string().trim().max(200).nullish(),
  permissions: z.array(z.string()).max(50),
  mfaRequired: z.boolean().optional(),
});

export const POST = route({ permission: "roles:write", body }, async ({ principal, body, context, db }) => {
  const role = await createRole(db, body, {
    orgId: principal.orgId,
    actor: actorOf(principal),
    permissions: principal.permissions,
    context,
  });
  return Response.json({ id: role.id, name: role.name }, { status: 201 });
});
