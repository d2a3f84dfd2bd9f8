// Liveness: the process is up and serving. No auth, no database.
import { route } from "@/lib/http/route.ts";

export const dynamic = "force-dynamic";

export const GET = route({ public: true }, async () => ({ status: "ok" }));
