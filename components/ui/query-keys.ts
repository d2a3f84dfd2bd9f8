// Every TanStack Query key, in one place: a page that reads a list and the live feed that
// invalidates it must name it the same way. A key's first element is its area, so
// `queryKeys.alerts.all` (a prefix) reaches every alerts list and detail at once.
export const queryKeys = {
  account: { mfa: ["account", "mfa"] as const, sessions: ["account", "sessions"] as const },
  alerts: {
    all: ["alerts"] as const,
    list: (qs: string) => ["alerts", "list", qs] as const,
    detail: (id: string) => ["alerts", "detail", id] as const,
  },
  apiKeys: { list: ["apikeys"] as const },
  assignableUsers: ["assignable-users"] as const,
  audit: { all: ["audit"] as const, list: (filters: string) => ["audit", "list", filters] as const },
  entities: {
    list: (type: string) => ["entities", type] as const,
    detail: (type: string, value: string) => ["entity", type, value] as const,
  },
  events: {
    search: (qs: string, range: string) => ["events", qs, range] as const,
    histogram: (qs: string, rangeMs: number) => ["events", "histogram", qs, rangeMs] as const,
  },
  incidents: { list: ["incidents"] as const, detail: (id: string) => ["incident", id] as const },
  notifications: {
    destinations: ["notification-destinations"] as const,
    deliveries: ["notification-deliveries"] as const,
  },
  overview: { all: ["overview"] as const, window: (window: string) => ["overview", window] as const },
  roles: { list: ["roles"] as const },
  rules: { list: ["rules"] as const, settings: ["detection-settings"] as const, blocks: ["ip-blocks"] as const },
  security: { settings: ["settings", "security"] as const },
  storage: { events: ["settings", "retention"] as const },
  users: { list: ["users", "list"] as const },
};
