// Ordered shutdown hooks run once on SIGTERM/SIGINT; the process exits 0 when they all succeed.
import { logger } from "@/lib/log.ts";

type Hook = { name: string; run: () => Promise<unknown> | unknown };

export function onSignals(hooks: Hook[], { exit = (code: number) => process.exit(code) } = {}) {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    logger().info({ signal }, "shutting down");
    let code = 0;
    for (const hook of hooks) {
      try {
        await hook.run();
      } catch (error) {
        code = 1;
        logger().error({ err: error, step: hook.name }, "shutdown step failed");
      }
    }
    logger().info({ code }, "shutdown complete");
    logger().flush?.();
    exit(code);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return shutdown;
}
