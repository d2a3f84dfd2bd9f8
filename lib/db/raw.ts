// A raw query straight to the database driver, for the hottest statement (ingest's insert).
// Prisma's raw queries serialise each parameter to JSON and parse it back before the driver sees
// it: for ingest's one large JSON parameter that cost ~15 ms of CPU per 1,000 events, three times
// the driver's own work. Clients without a registered driver (transactions) go through Prisma.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";

export type RawExecutor = <T>(sql: string, params: unknown[]) => Promise<T[]>;

const executors = new WeakMap<object, RawExecutor>();

export function registerRawExecutor(prisma: PrismaClient, executor: RawExecutor) {
  executors.set(prisma, executor);
}

/** `sql` uses $1, $2… placeholders. */
export function rawQuery<T>(prisma: PrismaClient, sql: string, params: unknown[]): Promise<T[]> {
  const executor = executors.get(prisma);
  return executor ? executor<T>(sql, params) : prisma.$queryRawUnsafe<T[]>(sql, ...params);
}
