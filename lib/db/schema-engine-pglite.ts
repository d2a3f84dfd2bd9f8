// A migration-aware adapter factory over throwaway in-memory PGlite databases, for driving
// Prisma's wasm schema engine. Wraps pglite-prisma-adapter 0.7.2, which neither awaits
// executeScript (a failing script would pass silently) nor closes its shadow databases.
import { PGlite, messages } from "@electric-sql/pglite";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.ts";

export interface PgliteAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes the main database and any shadow database the engine left open. */
  close(): Promise<void>;
}

/** `main` defaults to a fresh in-memory database; a given one is left open by close(). */
export function pgliteAdapterFactory(main?: PGlite): PgliteAdapterFactory {
  const owned = new Set<PGlite>();
  const mainDb = main ?? track(new PGlite({ extensions: PGLITE_EXTENSIONS }));

  function track(db: PGlite): PGlite {
    owned.add(db);
    return db;
  }

  async function release(db: PGlite): Promise<void> {
    if (!owned.delete(db)) return;
    if (!db.closed) await db.close();
  }

  async function connect(db: PGlite, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const adapter = (await new PrismaPGlite(db).connect()) as SqlDriverAdapter;
    // Inherit everything else (queries, transactions) from the original adapter.
    return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
      async executeScript(script: string) {
        try {
          await db.exec(script);
        } catch (error) {
          throw toAdapterError(error);
        }
      },
      async dispose() {
        await adapter.dispose();
        await onDispose?.();
      },
    });
  }

  return {
    factory: {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      connect: () => connect(mainDb),
      connectToShadowDb() {
        const shadow = track(new PGlite({ extensions: PGLITE_EXTENSIONS }));
        return connect(shadow, () => release(shadow));
      },
    },
    async close() {
      await Promise.all([...owned].map(release));
    },
  };
}

function toAdapterError(error: unknown): unknown {
  if (!(error instanceof messages.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "",
    severity: error.severity ?? "ERROR",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
    originalCode: error.code,
    originalMessage: error.message,
  });
}
