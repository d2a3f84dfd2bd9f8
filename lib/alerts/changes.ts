// Alerts created or updated in this process, announced after their transaction committed, for the
// live feed (lib/realtime) and notifications. Listeners must not throw or block.
import { processBuses } from "@/lib/runtime/buses.ts";
import type { AlertView } from "./query.ts";

export interface AlertChange {
  orgId: string;
  created: boolean;
  alert: AlertView;
}

/** On the process's bus (lib/runtime/buses.ts); the live feed subscribes to the runtime's directly. */
export function onAlertChanges(listener: (changes: AlertChange[]) => void): () => void {
  return processBuses().alertChanges.on(listener);
}

export function publishAlertChanges(changes: AlertChange[]) {
  if (changes.length === 0) return;
  processBuses().alertChanges.emit(changes);
}
