// Alerts created or updated in this process, announced after their transaction committed, for the
// live feed (lib/realtime) and notifications. Listeners must not throw or block.
import { logger } from "@/lib/log.ts";
import type { AlertView } from "./query.ts";

export interface AlertChange {
  orgId: string;
  created: boolean;
  alert: AlertView;
}

type Listener = (changes: AlertChange[]) => void;

const store = globalThis as typeof globalThis & { __securenetAlertListeners?: Set<Listener> };
const listeners = (store.__securenetAlertListeners ??= new Set());

export function onAlertChanges(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publishAlertChanges(changes: AlertChange[]) {
  if (changes.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(changes);
    } catch (error) {
      logger().error({ err: error }, "alert change listener failed");
    }
  }
}
