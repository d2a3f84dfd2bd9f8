import "server-only";
// Embedded PGlite has no autovacuum, so the planner never learns table sizes by itself and
// keyset pages on large tables fall back to sorting. Refresh statistics at start and hourly.
import { logger } from "@/lib/log.ts";
import type { Database } from "./connect.ts";

const HOUR_MS = 3_600_000;

export function startEmbeddedMaintenance(db: Database) {
  if (db.target.mode !== "embedded") return { stop: async () => {} };
  const analyze = async () => {
    try {
      const conn = await db.openSqlConnection();
      await conn.exec("ANALYZE");
      await conn.close();
    } catch (error) {
      logger().warn({ err: error }, "ANALYZE failed");
    }
  };
  let current = analyze();
  const timer = setInterval(() => (current = analyze()), HOUR_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
