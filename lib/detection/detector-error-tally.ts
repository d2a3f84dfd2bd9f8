// Detector errors over a batch, one entry per detector with a count: a detector that throws on
// every event of a 5,000-event batch is one entry, cheap to send back from a worker thread. The
// error travels as text: an Error subclass loses its class in postMessage, and a thrown function
// or symbol cannot be posted at all (the whole reply would fail).
import type { DetectorErrorSink } from "./types.ts";

export interface DetectorErrorCount {
  /** Payload detector id or Sigma rule id. */
  detector: string;
  /** Events it threw on. */
  count: number;
  /** The first error, as text (its stack's first lines when it has one). */
  error: string;
  /** The first event it threw on, when known. */
  eventId?: string;
}

const STACK_LINES = 4;

export function describeError(error: unknown): string {
  try {
    if (error instanceof Error)
      return (error.stack ?? `${error.name}: ${error.message}`).split("\n").slice(0, STACK_LINES).join("\n");
    return String(error);
  } catch {
    // An object whose toString throws, or has none (no prototype): its type is all there is to say.
    return `unprintable ${typeof error}`;
  }
}

export class DetectorErrorTally {
  readonly #byDetector = new Map<string, DetectorErrorCount>();

  /** The sink to hand the engine for one event (verdict.ts firedDetections). */
  sink(eventId?: string): DetectorErrorSink {
    return ({ detector, error }) => {
      const seen = this.#byDetector.get(detector);
      if (seen) seen.count++;
      else
        this.#byDetector.set(detector, {
          detector,
          count: 1,
          error: describeError(error),
          ...(eventId && { eventId }),
        });
    };
  }

  list(): DetectorErrorCount[] {
    return [...this.#byDetector.values()];
  }
}
