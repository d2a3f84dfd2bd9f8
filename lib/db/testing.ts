// Test support: a fresh, migrated database per test file. Every integration test runs against
// embedded PGlite, and also against PostgreSQL when DATABASE_URL is set (a scratch database
// per call on that server, dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "./connect.ts";
import { applyMigrations, readMigrations } from "./migrations.ts";
import type { SqlConnection } from "./sql.ts";

export type Backend = "pglite" | "postgres";

// Test infrastructure reads the environment directly: it must not need the app's configuration.
const serverUrl = process.env.DATABASE_URL;

export const backends: Backend[] = serverUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** The scratch database's URL (postgres only). */
  url?: string;
}

export async function createScratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error("DATABASE_URL is not set");
  const name = `sn_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(backend: Backend, { migrate = true } = {}): Promise<TestDatabase> {
  let db: TestDatabase;
  if (backend === "pglite") {
    db = await openDatabase({ mode: "embedded", dataDir: null });
  } else {
    const scratch = await createScratchPostgres();
    const opened = await openDatabase({ mode: "postgres", url: scratch.url, poolSize: 5 });
    db = {
      ...opened,
      url: scratch.url,
      async close() {
        await opened.close();
        await scratch.drop();
      },
    };
  }
  if (migrate) {
    const conn = await db.openSqlConnection();
    try {
      await applyMigrations(conn, readMigrations());
    } finally {
      await conn.close();
    }
  }
  return db;
}

/** Upgrade tests: applies the committed migrations that come before `name` (a timestamp prefix). */
export async function migrateBefore(conn: SqlConnection, name: string) {
  await applyMigrations(
    conn,
    readMigrations().filter((m) => m.name < name),
  );
}
