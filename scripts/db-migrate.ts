// npm run db:migrate -- <name>   writes prisma/migrations/<timestamp>_<name>/migration.sql for
//                                the changes in prisma/schema.prisma (prisma migrate dev --create-only)
// npm run db:migrate -- --check  exits 1 with the pending SQL when schema.prisma has changes that
//                                no migration covers
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  diffMigrationsToSchema,
  generateMigration,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
} from "../lib/db/schema-engine.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sources = {
  migrationsDir: path.join(root, "prisma/migrations"),
  schemaPath: path.join(root, "prisma/schema.prisma"),
};

const USAGE = `Usage: npm run db:migrate -- <name>     create a migration from the changes in prisma/schema.prisma
       npm run db:migrate -- --check    fail when schema.prisma has changes no migration covers`;

class UsageError extends Error {}

/** Prisma's migration name rule (slugify with "_"): "Add alert status" and "addAlertStatus" become add_alert_status. */
function migrationName(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z\d])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z\d]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

async function check(): Promise<number> {
  const sql = await diffMigrationsToSchema(sources);
  if (sql.trim() === "") {
    console.log("Schema and migrations agree.");
    return 0;
  }
  console.error(
    "prisma/schema.prisma has changes that no migration covers. Create one with `npm run db:migrate -- <name>`.\nPending SQL:\n",
  );
  console.log(sql.trimEnd());
  return 1;
}

async function create(rawName: string): Promise<number> {
  const name = migrationName(rawName);
  if (!name) throw new UsageError(`"${rawName}" is not a usable migration name: use letters and digits.`);
  const migration = await generateMigration({ ...sources, name });
  if (!migration) {
    console.log("Schema and migrations already agree; no migration created.");
    return 0;
  }
  const dir = path.join(sources.migrationsDir, migration.directoryName);
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(sources.migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, MIGRATION_LOCK_CONTENT);
  fs.writeFileSync(path.join(dir, "migration.sql"), migration.sql);
  console.log(`Created ${path.relative(root, path.join(dir, "migration.sql"))}. Review it, then commit it.`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.find((arg) => arg.startsWith("-") && arg !== "--check");
  if (unknown) throw new UsageError(`Unknown option ${unknown}.`);
  if (args.includes("--check")) {
    if (args.length > 1) throw new UsageError("--check takes no migration name.");
    return check();
  }
  if (args.length === 0) throw new UsageError("Missing the migration name, e.g. npm run db:migrate -- add_alerts");
  if (args.length > 1)
    throw new UsageError(`Expected one migration name, got ${args.length}: quote a name with spaces.`);
  return create(args[0]);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
  } else {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
