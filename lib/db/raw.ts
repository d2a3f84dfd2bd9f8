// Raw queries straight to the database driver, for the hottest statements (ingest's insert, and
// detection's risk, alert and rule-hit writes). Prisma's raw queries serialise each parameter to
// JSON and parse it back before the driver sees it, and map every result row: for ingest's one
// large JSON parameter that cost ~15 ms of CPU per 1,000 events, three times the driver's own
// work. Clients without a registered driver go through Prisma.
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
