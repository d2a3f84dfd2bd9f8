// The detection pipeline for stored events: threshold rules over a shared window store, then
// alerts. Payload detectors, Sigma rules and entity risk join here as they land.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { NormalizedEvent } from "@/lib/ingest/normalize.ts";
import { raiseAlerts, type AlertSummary } from "./alerts.ts";
import { evaluateThresholds } from "./threshold-rules.ts";
import { MemoryWindowStore, type WindowStore } from "./window-store.ts";

const store = globalThis as typeof globalThis & { __securenetWindowStore?: WindowStore };

export function windowStore(): WindowStore {
  return (store.__securenetWindowStore ??= new MemoryWindowStore());
}

export async function detect(db: PrismaClient, orgId: string, events: NormalizedEvent[], windows: WindowStore = windowStore()): Promise<AlertSummary[]> {
  if (events.length === 0) return [];
  const hits = await evaluateThresholds(events, windows, orgId);
  return raiseAlerts(db, orgId, hits);
}
