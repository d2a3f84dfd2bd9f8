// Readiness: database reachable and migrations applied; 503 otherwise.
import { checkReadiness } from "@/lib/db/readiness.ts";
import { processDatabase } from "@/lib/db/index.ts";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";

export const dynamic = "force-dynamic";

export const GET = route({ public: true }, async () => {
  const readiness = await checkReadiness(processDatabase());
  if (!readiness.ready) {
    throw new AppError(
      "unavailable",
      readiness.problem ?? `Pending migrations: ${readiness.pendingMigrations.join(", ")}`,
    );
  }
  return { status: "ready", database: readiness.database };
});
