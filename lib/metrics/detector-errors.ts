// Detector errors (reported by the engine and tallied per batch: lib/detection/detector-error-tally.ts)
// made visible: the counter securenet_detector_errors_total{detector}, and a warn line naming the
// detector. The line is written at most once a minute per detector, and says how many errors it
// stands for: a detector that throws on every event would otherwise write a line per event.
import type { Logger } from "pino";
import type { Counter } from "prom-client";
import type { DetectorErrorCount } from "@/lib/detection/detector-error-tally.ts";
import { logger } from "@/lib/log.ts";
import { metrics } from "./registry.ts";

export const DETECTOR_ERROR_LOG_INTERVAL_MS = 60_000;

export interface DetectorErrorReporterOptions {
  /** Looked up on each report, as the log: the process's are replaced in tests and at startup. */
  counter(): Pick<Counter<"detector">, "inc">;
  log(): Pick<Logger, "warn">;
  intervalMs?: number;
  now?: () => number;
}

export type DetectorErrorReporter = (errors: readonly DetectorErrorCount[]) => void;

export function detectorErrorReporter(options: DetectorErrorReporterOptions): DetectorErrorReporter {
  const { intervalMs = DETECTOR_ERROR_LOG_INTERVAL_MS, now = Date.now } = options;
  /** Per detector: when its last line was written, and the errors counted since but not logged. */
  const lines = new Map<string, { at: number; unlogged: number }>();
  return (errors) => {
    for (const { detector, count, error, eventId } of errors) {
      options.counter().inc({ detector }, count);
      const at = now();
      const last = lines.get(detector);
      if (last && at - last.at < intervalMs) {
        last.unlogged += count;
        continue;
      }
      lines.set(detector, { at, unlogged: 0 });
      const errorsSinceLastLine = count + (last?.unlogged ?? 0);
      options
        .log()
        .warn(
          { detector, eventId, error, errorsSinceLastLine },
          `detector ${detector} threw${eventId ? ` on event ${eventId}` : ""}; it does not fire where it throws`,
        );
    }
  };
}

/** The process's: its metrics registry and logger. */
export const countDetectorErrors: DetectorErrorReporter = detectorErrorReporter({
  counter: () => metrics().detectorErrors,
  log: logger,
});
