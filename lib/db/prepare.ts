// Start-up database work: apply migrations and the first-run seed under one cluster-wide lock,
// so instances starting at the same moment against one PostgreSQL do it exactly once.
import type { Database } from "./connect.ts";
import { applyMigrations, MIGRATION_LOCK_KEY, readMigrations } from "./migrations.ts";
import { seed, type SeedOptions, type SeedResult } from "./seed.ts";
import { ensureAllEventPartitions } from "@/lib/pipeline/event-retention.ts";

export interface PrepareResult {
  applied: string[];
  seed?: SeedResult;
}

export async function prepareDatabase(
  db: Database,
  options: { migrationsDir?: string; seed?: SeedOptions } = {},
): Promise<PrepareResult> {
  const conn = await db.openSqlConnection();
  try {
    return await conn.withLock(MIGRATION_LOCK_KEY, async () => {
      const applied = await applyMigrations(conn, readMigrations(options.migrationsDir));
      const seeded = options.seed ? await seed(db.prisma, options.seed) : undefined;
      // Before the first request: an event stored ahead of its partition lands in a DEFAULT one
      // and has to be moved later.
      await ensureAllEventPartitions(db.prisma);
      return { applied, seed: seeded };
    });
  } finally {
    await conn.close();
  }
}
