// Opens the database: embedded PGlite in the data folder, or PostgreSQL through the pg adapter.
// One Prisma schema and one generated client serve both.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { preparedName, registerRawExecutor } from "./raw.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.ts";
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

// PGlite measures a text parameter's UTF-8 length in a JavaScript loop, twice, before copying it:
// for ingest's one large JSON parameter (~0.5 MB a batch) that was a tenth of the embedded
// server's CPU. Large JSON goes in binary format instead, which PGlite copies as bytes: jsonb's
// binary form is a version byte (1) followed by the text. (PGlite's types say a serializer returns
// a string; its protocol writer sends any byte array as a binary parameter: a test holds it to it.)
const JSONB_OID = 3802;
const LARGE_PARAMETER = 16_384;
const JSONB_VERSION = Buffer.from([1]);
const RAW_OPTIONS = {
  serializers: {
    [JSONB_OID]: ((value: unknown) =>
      typeof value !== "string"
        ? JSON.stringify(value)
        : value.length < LARGE_PARAMETER
          ? value
          : Buffer.concat([JSONB_VERSION, Buffer.from(value, "utf8")])) as (value: unknown) => string,
  },
};

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.mode === "embedded") {
    let pglite: PGlite;
    let unlock = () => {};
    if (target.dataDir) {
      const dir = path.join(target.dataDir, "pgdata");
      fs.mkdirSync(dir, { recursive: true });
      unlock = lockDataDir(target.dataDir);
      try {
        pglite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
      } catch (error) {
        unlock();
        throw error;
      }
    } else {
      pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    }
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    registerRawExecutor(
      prisma,
      async (sql, params) => (await pglite.query<never>(sql, params, RAW_OPTIONS)).rows,
      (work) =>
        pglite.transaction((tx) => work(async (sql, params) => (await tx.query<never>(sql, params, RAW_OPTIONS)).rows)),
    );
    return {
      prisma,
      target,
      openSqlConnection: async () => pgliteConnection(pglite),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        unlock();
      },
    };
  }

  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  pool.on("error", () => {}); // an idle client dropped by the server; the pool replaces it
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const query = async (on: pg.Pool | pg.PoolClient, sql: string, params: unknown[]) => {
    const name = preparedName(sql);
    return (await (name ? on.query({ name, text: sql, values: params }) : on.query(sql, params))).rows;
  };
  registerRawExecutor(
    prisma,
    (sql, params) => query(pool, sql, params),
    async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work((sql, params) => query(client, sql, params));
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
