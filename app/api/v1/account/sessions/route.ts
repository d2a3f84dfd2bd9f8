// My live sessions, the current one marked.
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { sessionsOf } from "@/lib/users/directory.ts";

export const GET = route({ authenticated: true }, async ({ principal }) => ({
  sessions: await sessionsOf(prisma(), principal!.id, principal!.sessionId),
}));
