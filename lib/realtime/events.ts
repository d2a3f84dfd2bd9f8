// The typed Socket.IO event map shared by server and browser (../shared/CONTRACT.md "Live feed").
export interface AlertSummary {
  id: string;
  title: string;
  severity: "low" | "medium" | "high" | "critical";
  score: number;
  status: string;
  createdAt: string;
  updatedAt: string;
}

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
