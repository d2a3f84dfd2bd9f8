// Readiness: database reachable and migrations applied; 503 otherwise.
import { checkReadiness } from "@/lib/db/readiness.ts";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";

export const dynamic = "force-dynamic";

export const GET = route({ public: true }, async () => {
  const readiness = await checkReadiness(processRuntime().db);
  if (!readiness.ready) {
    throw new AppError(
      "unavailable",
      readiness.problem ?? `Pending migrations: ${readiness.pendingMigrations.join(", ")}`,
    );
  }
  return { status: "ready", database: readiness.database };
});
