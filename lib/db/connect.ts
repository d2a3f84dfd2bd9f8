// Opens the database: embedded PGlite in the data folder, or PostgreSQL through the pg adapter.
// One Prisma schema and one generated client serve both.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { registerRawExecutor } from "./raw.ts";
import { pgConnection, pgliteConnection, type SqlConnection } from "./sql.ts";

export type DatabaseTarget =
  | { mode: "embedded"; dataDir: string | null } // null: in memory (tests)
  | { mode: "postgres"; url: string; poolSize?: number };

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** A raw connection for migrations and health checks. Embedded: the same PGlite. */
  openSqlConnection(): Promise<SqlConnection>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.mode === "embedded") {
    let pglite: PGlite;
    if (target.dataDir) {
      const dir = path.join(target.dataDir, "pgdata");
      fs.mkdirSync(dir, { recursive: true });
      pglite = await PGlite.create(dir);
    } else {
      pglite = await PGlite.create();
    }
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    registerRawExecutor(
      prisma,
      async (sql, params) => (await pglite.query<never>(sql, params)).rows,
      (work) => pglite.transaction((tx) => work(async (sql, params) => (await tx.query<never>(sql, params)).rows)),
    );
    return {
      prisma,
      target,
      openSqlConnection: async () => pgliteConnection(pglite),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }

  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  pool.on("error", () => {}); // an idle client dropped by the server; the pool replaces it
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  registerRawExecutor(
    prisma,
    async (sql, params) => (await pool.query(sql, params)).rows,
    async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped rather than reused.
        await client.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  );
  return {
    prisma,
    target,
    async openSqlConnection() {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      return pgConnection(client);
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
