import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./connect.ts";
import { DataDirInUseError } from "./data-dir-lock.ts";
import { applyMigrations, MigrationError, readMigrations } from "./migrations.ts";
import { prepareDatabase } from "./prepare.ts";
import { backends, createScratchPostgres, createTestDatabase } from "./testing.ts";

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sn-migrations-"));
  fs.cpSync("prisma/migrations", dir, { recursive: true });
  return dir;
}

async function appliedRows(db: Database) {
  const conn = await db.openSqlConnection();
  try {
    return await conn.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
  } finally {
    await conn.close();
  }
}

describe.each(backends)("migrations on %s", (backend) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("applies every committed migration once, recorded as Prisma records them", async () => {
    db = await createTestDatabase(backend, { migrate: false });
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const conn = await db.openSqlConnection();
    expect(await applyMigrations(conn, files)).toEqual(files.map((f) => f.name));
    expect(await applyMigrations(conn, files)).toEqual([]);
    await conn.close();
    const rows = await appliedRows(db);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(
      rows.every((r, i) => r.checksum === files[i]!.checksum && r.finished_at && r.applied_steps_count === 1),
    ).toBe(true);
    expect(await db.prisma.org.count()).toBe(0);
  });

  it("refuses to continue when an applied migration file was changed", async () => {
    db = await createTestDatabase(backend, { migrate: false });
    const dir = copyMigrations();
    const conn = await db.openSqlConnection();
    await applyMigrations(conn, readMigrations(dir));
    const first = readMigrations(dir)[0]!;
    fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited later\n");
    const attempt = applyMigrations(conn, readMigrations(dir));
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`${first.name} was changed after it was applied`));
    await conn.close();
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    db = await createTestDatabase(backend, { migrate: false });
    const dir = copyMigrations();
    const broken = path.join(dir, "99990101000000_broken");
    fs.mkdirSync(broken);
    fs.writeFileSync(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n`,
    );
    const conn = await db.openSqlConnection();
    await expect(applyMigrations(conn, readMigrations(dir))).rejects.toThrow(
      /99990101000000_broken failed and was rolled back/,
    );
    const [{ exists }] = await conn.query<{ exists: boolean }>(
      `SELECT to_regclass('"half_done"') IS NOT NULL AS "exists"`,
    );
    expect(exists).toBe(false);
    await conn.close();
    expect((await appliedRows(db)).map((r) => r.migration_name)).not.toContain("99990101000000_broken");
  });
});

describe.runIf(backends.includes("postgres"))("two instances starting at once against one empty PostgreSQL", () => {
  it("both come up; migrations and the first admin are created exactly once", async () => {
    const scratch = await createScratchPostgres();
    const a = await openDatabase({ mode: "postgres", url: scratch.url, poolSize: 3 });
    const b = await openDatabase({ mode: "postgres", url: scratch.url, poolSize: 3 });
    try {
      const seed = { adminEmail: "admin@example.test", adminPassword: "a-long-enough-password" };
      const [ra, rb] = await Promise.all([prepareDatabase(a, { seed }), prepareDatabase(b, { seed })]);
      const files = readMigrations().map((f) => f.name);
      expect([...ra.applied, ...rb.applied].sort()).toEqual(files.sort());
      expect([ra.seed?.createdAdmin, rb.seed?.createdAdmin].filter(Boolean)).toHaveLength(1);
      expect((await appliedRows(a)).map((r) => r.migration_name)).toEqual(files);
      expect(await a.prisma.org.count()).toBe(1);
      expect(await a.prisma.user.count()).toBe(1);
      expect(await a.prisma.role.count()).toBe(3);
    } finally {
      await a.close();
      await b.close();
      await scratch.drop();
    }
  });
});

describe("the embedded database keeps its data in the data folder", () => {
  it("a second start reuses the data and creates nothing twice", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sn-data-"));
    const seed = { adminEmail: "admin@example.test" };
    const first = await openDatabase({ mode: "embedded", dataDir });
    const one = await prepareDatabase(first, { seed });
    await first.close();
    const second = await openDatabase({ mode: "embedded", dataDir });
    // While it is open, nothing else may open the folder (two PGlites on one folder corrupt it).
    await expect(openDatabase({ mode: "embedded", dataDir })).rejects.toThrow(DataDirInUseError);
    const two = await prepareDatabase(second, { seed });
    expect(one.applied.length).toBeGreaterThan(0);
    expect(one.seed?.createdAdmin?.generatedPassword).toBeTruthy();
    expect(two.applied).toEqual([]);
    expect(two.seed?.createdAdmin).toBeUndefined();
    expect(await second.prisma.user.count()).toBe(1);
    await second.close();
  });
});
