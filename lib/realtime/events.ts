// The typed Socket.IO event map shared by server and browser (../shared/CONTRACT.md "Live feed").
import type { AlertView } from "@/lib/alerts/query.ts";

/** An alert as the list shows it (lib/alerts/query.ts alertView). */
export type AlertSummary = AlertView;

export interface StatsTick {
  at: string;
  openAlerts: number;
  eventsPerMinute: number;
}

export interface ServerToClientEvents {
  "alert:new": (alert: AlertSummary) => void;
  "alert:update": (alert: AlertSummary) => void;
  "stats:tick": (stats: StatsTick) => void;
}

export type ClientToServerEvents = Record<string, never>;
