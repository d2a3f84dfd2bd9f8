// Security settings: password minimum length (settings:write) and which roles require MFA.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { securitySettings, setPasswordMinLength } from "@/lib/settings/security.ts";

export const GET = route({ permission: "settings:write" }, async ({ principal, db }) =>
  securitySettings(db, principal.orgId),
);

const body = z.object({ passwordMinLength: z.number().int("must be a whole number") }).strict();

export const PATCH = route({ permission: "settings:write", body }, async ({ principal, body, context, db }) => {
  await setPasswordMinLength(db, body.passwordMinLength, {
    orgId: principal.orgId,
    actor: actorOf(principal),
    context,
  });
  return securitySettings(db, principal.orgId);
});
