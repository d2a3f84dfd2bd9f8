// Revoke one of my sessions ({ id }) or every other one ({ others: true }). Ids travel in the
// body, never in the URL.
import { z } from "zod";
import { actorOf } from "@/lib/audit/actor.ts";
import { revokeSessions } from "@/lib/auth/session-registry.ts";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";

const body = z.union([
  z.object({ id: z.uuid("must be a session id") }).strict(),
  z.object({ others: z.literal(true) }).strict(),
]);

export const POST = route({ authenticated: true, body }, async ({ principal, body, context, db }) => {
  // Own properties: `in` would also read a polluted Object.prototype.
  const one = Object.hasOwn(body, "id");
  const which = one
    ? { userId: principal.id, sessionId: (body as { id: string }).id }
    : { userId: principal.id, exceptSessionId: principal.sessionId };
  const revoked = await revokeSessions(db, which, { actor: actorOf(principal), context, reason: "revoked_by_user" });
  if (one && revoked.length === 0) throw new AppError("not_found", "No such active session of yours.");
  return { revoked: revoked.length };
});
