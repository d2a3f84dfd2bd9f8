// Raw queries straight to the database driver, for the hottest statements (ingest's insert, and
// detection's risk, alert and rule-hit writes). Prisma's raw queries serialise each parameter to
// JSON and parse it back before the driver sees it, and map every result row: for ingest's one
// large JSON parameter that cost ~15 ms of CPU per 1,000 events, three times the driver's own
// work. Clients without a registered driver go through Prisma.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { processShared } from "@/lib/runtime/process-runtime.ts";

export type RawExecutor = <T>(sql: string, params: unknown[]) => Promise<T[]>;
export type RawTransactionRunner = <T>(work: (query: RawExecutor) => Promise<T>) => Promise<T>;

// Process-wide: the server registers its client from its own module graph, and route handlers
// bundled by Next (a second copy of this module) must find it.
const executors = processShared(
  "raw-executors",
  () => new WeakMap<object, { query: RawExecutor; transaction: RawTransactionRunner }>(),
);

// Statements planned once per connection, by their text: the name each is prepared under.
const preparedNames = processShared("raw-prepared-statements", () => new Map<string, string>());

/**
 * Marks a fixed statement to be planned once per connection and reused (a named prepared
 * statement on PostgreSQL; PGlite plans each time): for hot statements whose best plan does not
 * depend on their parameters' values, such as ingest's insert, whose planning cost ~3 ms a batch.
 * Not for searches: their plans depend on the texts and ranges searched. Behind a transaction-mode
 * pooler, named statements need its support for them (PgBouncer 1.21+, max_prepared_statements).
 * Answers `sql`.
 */
export function plannedOnce(sql: string): string {
  preparedNames.set(sql, `sn_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`);
  return sql;
}

/** The name `sql` is prepared under, if plannedOnce marked it. */
export function preparedName(sql: string): string | undefined {
  return preparedNames.get(sql);
}

export function registerRawExecutor(prisma: PrismaClient, query: RawExecutor, transaction: RawTransactionRunner) {
  executors.set(prisma, { query, transaction });
}

/** `sql` uses $1, $2… placeholders. */
export function rawQuery<T>(prisma: PrismaClient, sql: string, params: unknown[]): Promise<T[]> {
  const executor = executors.get(prisma);
  return executor ? executor.query<T>(sql, params) : prisma.$queryRawUnsafe<T[]>(sql, ...params);
}

/** `work`'s queries in one transaction on one connection: committed when it returns, rolled back when it throws. */
export function rawTransaction<T>(prisma: PrismaClient, work: (query: RawExecutor) => Promise<T>): Promise<T> {
  const executor = executors.get(prisma);
  if (executor) return executor.transaction(work);
  return prisma.$transaction(
    (tx) => work(<R>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<R[]>(sql, ...params)),
    { maxWait: 30_000, timeout: 60_000 },
  );
}
