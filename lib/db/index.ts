// The process-wide database. The server (or CLI) opens it once at start; route handlers bundled
// by Next run in the same process and find it on globalThis, so embedded PGlite is opened once.
import type { Database } from "./connect.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

const store = globalThis as typeof globalThis & { __securenetDb?: Database };

export function setProcessDatabase(db: Database | undefined) {
  store.__securenetDb = db;
}

export function processDatabase(): Database {
  if (!store.__securenetDb)
    throw new Error("The database is not open in this process (start SecureNet with `npm start`).");
  return store.__securenetDb;
}

export function prisma(): PrismaClient {
  return processDatabase().prisma;
}

export type { Database };
