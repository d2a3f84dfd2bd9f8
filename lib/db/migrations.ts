// Applies the committed migrations (prisma/migrations/<name>/migration.sql) and records them in
// `_prisma_migrations` exactly as Prisma Migrate does, so Prisma's own tooling reads the same history.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlConnection, SqlSession } from "./sql.ts";

/** Prisma Migrate's advisory lock key, so our runner and Prisma's never migrate at once. */
export const MIGRATION_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function checksum(sql: string): string {
  // Prisma treats CRLF and LF checkouts of the same file as equal; so do we.
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  // Read at run time from the checkout, not bundled: the files are the source of truth.
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksum(sql) };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function readApplied(session: SqlSession): Promise<AppliedMigration[]> {
  const [{ exists }] = await session.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists) return [];
  return session.query<AppliedMigration>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

export interface MigrationStatus {
  pending: MigrationFile[];
  applied: string[];
}

/** Compares the folder with the database; throws when history was edited or a migration failed. */
export async function migrationStatus(session: SqlSession, files: MigrationFile[]): Promise<MigrationStatus> {
  const applied = (await readApplied(session)).filter((row) => row.rolled_back_at === null);
  const failed = applied.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed or is still running in this database; resolve it before starting SecureNet.`,
    );
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `Migration ${row.migration_name} is applied in the database but missing from prisma/migrations; this build is older than the database.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied (checksum mismatch). ` +
          `Restore prisma/migrations/${row.migration_name}/migration.sql and put the change in a new migration (npm run db:migrate -- <name>).`,
      );
    }
  }
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  return { pending: files.filter((file) => !appliedNames.has(file.name)), applied: [...appliedNames] };
}

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock so
 * that several instances starting at once against one PostgreSQL apply each migration once.
 * Returns the names applied by this call.
 */
export async function applyMigrations(conn: SqlConnection, files = readMigrations()): Promise<string[]> {
  return conn.withLock(MIGRATION_LOCK_KEY, async () => {
    await conn.exec(CREATE_TABLE);
    const { pending } = await migrationStatus(conn, files);
    const done: string[] = [];
    for (const migration of pending) {
      try {
        await conn.transaction(async (tx) => {
          const startedAt = new Date();
          await tx.exec(migration.sql);
          await tx.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, $4, now(), 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
        });
      } catch (error) {
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
      done.push(migration.name);
    }
    return done;
  });
}
