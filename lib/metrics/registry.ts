// Prometheus metrics of this instance (GET /metrics, metrics:read). prom-client keeps the
// counters; several instances are scraped one by one, as Prometheus expects.
import client from "prom-client";
import { processShared } from "@/lib/runtime/process-runtime.ts";

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "securenet_" });
  return {
    registry,
    eventsAccepted: new client.Counter({
      name: "securenet_events_accepted_total",
      help: "Events stored by ingest",
      registers: [registry],
    }),
    eventsDuplicate: new client.Counter({
      name: "securenet_events_duplicate_total",
      help: "Events skipped as replays of a stored event.id",
      registers: [registry],
    }),
    eventsRejected: new client.Counter({
      name: "securenet_events_rejected_total",
      help: "Events refused by validation",
      registers: [registry],
    }),
    alertsRaised: new client.Counter({
      name: "securenet_alerts_total",
      help: "Alerts created or updated by detection",
      labelNames: ["change"] as const,
      registers: [registry],
    }),
    // Detectors and rules that threw (lib/metrics/detector-errors.ts): a detector that throws never fires.
    detectorErrors: new client.Counter({
      name: "securenet_detector_errors_total",
      help: "Errors thrown by payload detectors and Sigma rules, by detector id",
      labelNames: ["detector"] as const,
      registers: [registry],
    }),
    ingestSeconds: new client.Histogram({
      name: "securenet_ingest_batch_seconds",
      help: "Time to validate, store and score one ingest request",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/**
 * The process's counters: one registry per process, shared by every runtime built in it (default
 * metrics observe the process itself, and are registered once).
 */
export function metrics(): Metrics {
  return processShared("metrics", createMetrics);
}
