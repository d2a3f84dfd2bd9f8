// Browser calls for event storage: retention in days and what is stored per day.
import { requestJson } from "@/components/ui/api-client";
import type { eventStorage } from "@/lib/pipeline/event-retention.ts";

export type EventStorage = Awaited<ReturnType<typeof eventStorage>>;

export const EVENT_RETENTION_RANGE = { min: 1, max: 3650 } as const;

export const fetchEventStorage = () => requestJson<EventStorage>("GET", "/api/v1/settings/retention");

export const saveEventRetention = (eventRetentionDays: number) =>
  requestJson<EventStorage>("PATCH", "/api/v1/settings/retention", { eventRetentionDays });
