// Proves the committed migrations produce exactly prisma/schema.prisma, using Prisma's own schema
// engine: a schema change without its migration fails here (and in `npm run db:migrate -- --check`).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./connect.ts";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.ts";
import { applyMigrations, readMigrations } from "./migrations.ts";
import { diffMigrationsToSchema, readMigrationList, readSchema, withSchemaEngine } from "./schema-engine.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const migrationsDir = path.join(root, "prisma/migrations");
const schemaPath = path.join(root, "prisma/schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securenet-schema-"));
  return fn(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

describe("committed migrations vs schema.prisma", { timeout: 120_000 }, () => {
  it("agree: the migrations build exactly the schema", async () => {
    expect(readMigrations(migrationsDir).length).toBeGreaterThan(0);
    const sql = await diffMigrationsToSchema({ migrationsDir, schemaPath });
    expect(sql.trim()).toBe("");
  });

  it("disagree when the schema gains a model and a field no migration covers", async () => {
    const original = fs.readFileSync(schemaPath, "utf8");
    const changed =
      original.replace("model Org {\n", "model Org {\n  probeNote String?\n") +
      "\nmodel SchemaCheckProbe {\n  id Int @id\n}\n";
    expect(changed).toContain("probeNote");

    await withTempDir(async (dir) => {
      const changedPath = path.join(dir, "schema.prisma");
      fs.writeFileSync(changedPath, changed);
      const sql = await diffMigrationsToSchema({ migrationsDir, schemaPath: changedPath });
      expect(sql).toContain('CREATE TABLE "SchemaCheckProbe"');
      expect(sql).toMatch(/ALTER TABLE "Org" ADD COLUMN\s+"probeNote" TEXT/);
    });
  });

  it("a database migrated by our runner is what Prisma Migrate expects", async () => {
    await withTempDir(async (dataDir) => {
      const db = await openDatabase({ mode: "embedded", dataDir });
      try {
        const conn = await db.openSqlConnection();
        expect(await applyMigrations(conn, readMigrations(migrationsDir))).not.toHaveLength(0);
        await conn.close();
      } finally {
        await db.close();
      }

      // openDatabase keeps its PGlite to itself; the engine reads the same files once it is closed.
      const live = await PGlite.create(path.join(dataDir, "pgdata"), { extensions: PGLITE_EXTENSIONS });
      try {
        const schema = readSchema(schemaPath);
        const liveToSchema = { from: { tag: "schemaDatasource" as const, files: [schema], configDir: root } };
        await withSchemaEngine({ schema, database: live }, async (engine) => {
          const migrationsList = readMigrationList(migrationsDir);
          // Same history and checksums as Prisma would have recorded, nothing failed.
          expect(
            await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters }),
          ).toMatchObject({
            history: null,
            editedMigrationNames: [],
            failedMigrationNames: [],
            hasMigrationsTable: true,
          });

          const diff = () =>
            engine.diff({
              ...liveToSchema,
              to: { tag: "schemaDatamodel", files: [schema] },
              script: true,
              exitCode: true,
              filters,
            });
          expect((await diff()).exitCode).toBe(0);

          // The live comparison is real: drift in the database shows up.
          await live.exec('ALTER TABLE "User" ADD COLUMN "drift" INTEGER');
          expect((await diff()).stdout).toContain('DROP COLUMN "drift"');
        });
      } finally {
        await live.close();
      }
    });
  });
});
