// My live sessions, the current one marked.
import { route } from "@/lib/http/route.ts";
import { sessionsOf } from "@/lib/users/directory.ts";

export const GET = route({ authenticated: true }, async ({ principal, db }) => ({
  sessions: await sessionsOf(db, principal.id, principal.sessionId),
}));
