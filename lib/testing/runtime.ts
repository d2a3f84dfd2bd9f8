// Tests that drive code reaching the process's runtime (route handlers, next-auth's callbacks): a
// runtime around the test's database, installed as the process's, with the current test config.
import type { Database } from "@/lib/db/connect.ts";
import { env } from "@/lib/env.ts";
import { installRuntime } from "@/lib/runtime/process-runtime.ts";
import { createRuntime, type Runtime } from "@/lib/runtime/runtime.ts";

/** Installs it; the returned teardown uninstalls and closes it (the database stays the caller's). */
export function installTestRuntime(db: Database): { runtime: Runtime; uninstall: () => Promise<void> } {
  const runtime = createRuntime({ config: env(), db, ownsDatabase: false });
  installRuntime(runtime);
  return {
    runtime,
    async uninstall() {
      installRuntime(undefined);
      await runtime.close();
    },
  };
}
