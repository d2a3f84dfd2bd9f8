// A minimal raw-SQL session, implemented over PGlite and over a single pg connection.
// The migration runner and the readiness check use it; application code uses Prisma.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script. */
  exec(script: string): Promise<void>;
}

export interface SqlConnection extends SqlSession {
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** Holds a cluster-wide lock while fn runs (a PostgreSQL advisory lock). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function pgliteConnection(db: PGlite, { closeDb = false } = {}): SqlConnection {
  const session = (q: Pick<PGlite, "query" | "exec">): SqlSession => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(script: string) {
      await q.exec(script);
    },
  });
  return {
    ...session(db),
    transaction: (fn) => db.transaction((tx) => fn(session(tx))),
    // PGlite is single-process and single-connection: its own queue already serialises work.
    withLock: (_key, fn) => fn(),
    close: async () => {
      if (closeDb) await db.close();
    },
  };
}

export function pgConnection(client: pg.Client): SqlConnection {
  const session: SqlSession = {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
  return {
    ...session,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn(session);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async withLock(key, fn) {
      await client.query("SELECT pg_advisory_lock($1)", [key]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
      }
    },
    close: () => client.end(),
  };
}
