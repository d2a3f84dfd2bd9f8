// The process's four event buses. Each is in-process: what reaches other instances does so through
// the Socket.IO adapter (the live feed emits to rooms, fetches and disconnects sockets on every
// instance) or through the database (a revoked session fails every instance's next check).
import type { AlertChange } from "@/lib/alerts/changes.ts";
import { logger } from "@/lib/log.ts";
import type { LiveFeedScope } from "@/lib/realtime/revalidate.ts";
import type { SecurityEvent } from "@/lib/security/events.ts";
import { processShared } from "./process-runtime.ts";
import { createBus, type Bus } from "./typed-emitter.ts";

export interface RuntimeBuses {
  /** Alerts created or updated, after their transaction committed (live feed, notifications). */
  alertChanges: Bus<AlertChange[]>;
  /** Failed sign-ins, lockouts, permission denials (internal detection). */
  securityEvents: Bus<SecurityEvent>;
  /** Session ids just revoked (the live feed drops their sockets at once). */
  sessionsRevoked: Bus<string[]>;
  /** Who may read what changed (the live feed re-authorises the affected sockets). */
  liveFeedRevalidate: Bus<LiveFeedScope>;
}

/** A fresh set (processBuses() is the process's): a second instance in a test has its own. */
export function createBuses(): RuntimeBuses {
  const onListenerError = (error: unknown, bus: string) =>
    logger().error({ err: error, bus }, `${bus} listener failed`);
  return {
    alertChanges: createBus("alert change", onListenerError),
    securityEvents: createBus("security event", onListenerError),
    sessionsRevoked: createBus("session revoked", onListenerError),
    liveFeedRevalidate: createBus("live feed revalidate", onListenerError),
  };
}

/**
 * One set per process, which every runtime built in it shares: a listener that subscribed before
 * the runtime was installed (or in a test without one) still hears what is emitted after.
 */
export function processBuses(): RuntimeBuses {
  return processShared("buses", createBuses);
}
