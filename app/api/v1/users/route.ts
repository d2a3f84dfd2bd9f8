// Users of my org: list (users:read) and create (users:write). A created user's password is
// temporary: given, or generated and answered once; they choose their own at first sign-in.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { generateOneTimePassword } from "@/lib/auth/password.ts";
import { route } from "@/lib/http/route.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { listUsers } from "@/lib/users/directory.ts";

export const GET = route({ permission: "users:read" }, async ({ principal, db }) => ({
  users: await listUsers(db, principal.orgId),
}));

const body = z.object({
  email: z.email("must be an email address").max(320),
  name: z.string().trim().max(200).optional(),
  roles: z.array(z.string().min(1)).min(1, "at least one role").max(20),
  password: z.string().max(1024).optional(),
});

export const POST = route({ permission: "users:write", body }, async ({ principal, body, context, db }) => {
  const oneTimePassword = body.password ? undefined : generateOneTimePassword();
  const user = await createUser(
    db,
    {
      orgId: principal.orgId,
      email: body.email,
      name: body.name,
      roleNames: body.roles,
      password: body.password ?? oneTimePassword!,
    },
    { actor: actorOf(principal), permissions: principal.permissions, context },
  );
  return Response.json(
    { id: user.id, email: user.email, ...(oneTimePassword ? { oneTimePassword } : {}) },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});
