// A background job that runs at start and then every interval; stop() waits for a run in flight.
// Failures are logged, never thrown: the next run tries again.
import { logger } from "@/lib/log.ts";

export interface PeriodicJob {
  stop(): Promise<void>;
}

export function startPeriodicJob(name: string, intervalMs: number, run: () => Promise<void>): PeriodicJob {
  const safeRun = async () => {
    try {
      await run();
    } catch (error) {
      logger().error({ err: error, job: name }, `${name} failed`);
    }
  };
  let current = safeRun();
  const timer = setInterval(() => (current = safeRun()), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
