// Fixture for the route-walk test: a guarded handler.
import { route } from "@/lib/http/route.ts";

export const GET = route({ permission: "alerts:read" }, async () => ({ ok: true }));
