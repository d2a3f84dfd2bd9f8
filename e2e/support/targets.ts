// The servers the end-to-end run starts: always one on the embedded database; with DATABASE_URL,
// two more started at the same moment against one empty PostgreSQL database.
import path from "node:path";

export interface E2ETarget {
  name: string;
  baseURL: string;
  port: number;
  database: "embedded" | "postgres";
}

const withPostgres = Boolean(process.env.DATABASE_URL);

export const E2E_TARGETS: E2ETarget[] = (
  [
    { name: "embedded", port: 3211, database: "embedded" },
    ...(withPostgres
      ? [
          { name: "postgres-a", port: 3212, database: "postgres" as const },
          { name: "postgres-b", port: 3213, database: "postgres" as const },
        ]
      : []),
  ] as Omit<E2ETarget, "baseURL">[]
).map((t) => ({ ...t, baseURL: `http://localhost:${t.port}` }));

export const STATE_FILE = path.resolve("test-results/e2e-state.json");

/** The admin's signed-in browser state per database (Playwright storageState). */
export const adminStorageFile = (kind: "embedded" | "postgres") => path.resolve(`test-results/admin-${kind}.json`);

export interface E2EState {
  /** The admin per database kind: printed one-time password, then their own password and TOTP secret. */
  admins: Record<
    "embedded" | "postgres",
    { email: string; password: string; totpSecret?: string; lastStep?: number; oneTimePassword?: string }
  >;
  pids: number[];
  scratchDatabase?: string;
}
