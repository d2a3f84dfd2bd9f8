// One user: read (users:read) and change name, roles, disabled, MFA requirement (users:write).
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { route } from "@/lib/http/route.ts";
import { updateUser } from "@/lib/users/admin.ts";
import { listUsers } from "@/lib/users/directory.ts";
import { idParams } from "@/lib/validation/params.ts";
import { AppError } from "@/lib/http/errors.ts";

const body = z
  .object({
    name: z.string().trim().max(200).nullish(),
    roles: z.array(z.string().min(1)).min(1, "at least one role").max(20).optional(),
    disabled: z.boolean().optional(),
    mfaRequired: z.boolean().optional(),
  })
  .strict();

async function userView(db: PrismaClient, orgId: string, id: string) {
  const user = (await listUsers(db, orgId)).find((u) => u.id === id);
  if (!user) throw new AppError("not_found", "No such user.");
  return user;
}

export const GET = route({ permission: "users:read", params: idParams }, async ({ principal, params, db }) =>
  userView(db, principal.orgId, params.id!),
);

export const PATCH = route(
  { permission: "users:write", params: idParams, body },
  async ({ principal, params, body, context, db }) => {
    await updateUser(db, params.id!, body, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      permissions: principal.permissions,
      context,
    });
    return userView(db, principal.orgId, params.id!);
  },
);
