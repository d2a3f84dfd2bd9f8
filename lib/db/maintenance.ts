import "server-only";
// Embedded PGlite has no autovacuum, so the planner never learns table sizes by itself and
// keyset pages on large tables fall back to sorting. Refresh statistics at start and hourly.
import { startPeriodicJob } from "@/lib/server/periodic-job.ts";
import type { Database } from "./connect.ts";

const HOUR_MS = 3_600_000;

export function startEmbeddedMaintenance(db: Database) {
  if (db.target.mode !== "embedded") return { stop: async () => {} };
  return startPeriodicJob("ANALYZE", HOUR_MS, async () => {
    const conn = await db.openSqlConnection();
    await conn.exec("ANALYZE");
    await conn.close();
  });
}
