// Start TOTP enrollment: a new secret with its otpauth URI and QR code (shown once, to me only).
import { actorOf } from "@/lib/audit/actor.ts";
import { route } from "@/lib/http/route.ts";
import { startEnrollment } from "@/lib/users/mfa.ts";

export const POST = route({ authenticated: true }, async ({ principal, context, db }) => {
  const enrollment = await startEnrollment(db, { userId: principal.id, actor: actorOf(principal), context });
  return Response.json(enrollment, { headers: { "cache-control": "no-store" } });
});
