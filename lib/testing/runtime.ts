// Tests that drive code reaching the process's runtime (route handlers, next-auth's callbacks): a
// runtime around the test's database, installed as the process's, with the current test config.
import type { Database } from "@/lib/db/connect.ts";
import type { WindowStore } from "@/lib/detection/window-store.ts";
import { env } from "@/lib/env.ts";
import type { ScoringPool } from "@/lib/pipeline/scoring-pool.ts";
import { installRuntime, processRuntime } from "@/lib/runtime/process-runtime.ts";
import { createRuntime, type Runtime } from "@/lib/runtime/runtime.ts";

/** Installs it; the returned teardown uninstalls and closes it (the database stays the caller's). */
export function installTestRuntime(
  db: Database,
  options: { windows?: WindowStore } = {},
): { runtime: Runtime; uninstall: () => Promise<void> } {
  const runtime = createRuntime({ config: env(), db, ownsDatabase: false, ...options });
  installRuntime(runtime);
  return {
    runtime,
    async uninstall() {
      installRuntime(undefined);
      await runtime.close();
    },
  };
}

/** The scoring pool the installed runtime's pipeline uses from now on (undefined: score inline). */
export function useScoringPool(pool: ScoringPool | undefined) {
  processRuntime().scoringPool = pool;
}
