// Transitional: the database now lives on the runtime (lib/runtime). Route handlers use `ctx.db`,
// pages and lib code `processRuntime().db`. These remain for the files still being rewritten
// (app/api/v1/events, app/api/v1/score, and the lib/ingest and lib/detection tests, which would use
// lib/testing/runtime.ts); remove at the merge.
import type { Database } from "./connect.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { createRuntime } from "@/lib/runtime/runtime.ts";
import { installedRuntime, installRuntime, processRuntime } from "@/lib/runtime/process-runtime.ts";

/** Installs a runtime around `db` (which the caller keeps closing); undefined closes and removes it. */
export function setProcessDatabase(db: Database | undefined) {
  const previous = installedRuntime();
  installRuntime(db ? createRuntime({ config: env(), db, ownsDatabase: false }) : undefined);
  previous?.close().catch((error: unknown) => logger().warn({ err: error }, "runtime did not close cleanly"));
}

/** @deprecated use the route context's `db`, or `processRuntime().db.prisma`. */
export function prisma(): PrismaClient {
  return processRuntime().db.prisma;
}

export type { Database };
