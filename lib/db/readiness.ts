// Readiness: the database answers and every committed migration is applied.
import type { Database } from "./connect.ts";
import { migrationStatus, readMigrations } from "./migrations.ts";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
  problem?: string;
}

export async function checkReadiness(db: Database, migrationsDir?: string): Promise<Readiness> {
  let conn;
  try {
    conn = await db.openSqlConnection();
    await conn.query("SELECT 1");
  } catch (error) {
    await conn?.close().catch(() => {});
    return { ready: false, database: "unreachable", pendingMigrations: [], problem: (error as Error).message };
  }
  try {
    const { pending } = await migrationStatus(conn, readMigrations(migrationsDir));
    return { ready: pending.length === 0, database: "ok", pendingMigrations: pending.map((m) => m.name) };
  } catch (error) {
    return { ready: false, database: "ok", pendingMigrations: [], problem: (error as Error).message };
  } finally {
    await conn.close();
  }
}
