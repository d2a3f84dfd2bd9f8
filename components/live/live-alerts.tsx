"use client";

// The live feed (Socket.IO): one connection per tab for everything under the console. Alerts are
// buffered and applied in batches (a burst of thousands a second must not re-render per alert);
// after a short drop the server replays what was missed (connection state recovery), after a
// longer one the client fetches everything changed since the last alert it saw. Alerts are kept
// by id, so nothing shows twice.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import { requestJson } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import type { AlertSummary, ServerToClientEvents, StatsTick } from "@/lib/realtime/events.ts";

export type FeedStatus = "connecting" | "live" | "catching-up" | "offline";

interface LiveAlerts {
  /** Newest first (by creation), at most MAX_ALERTS. */
  alerts: AlertSummary[];
  /** Alert ids that arrived in the last few seconds, for a gentle highlight. */
  fresh: ReadonlySet<string>;
}

const MAX_ALERTS = 5_000;
const FLUSH_MS = 200;
/** The overview's numbers and charts are refetched at most this often while alerts stream in. */
const OVERVIEW_REFRESH_MS = 2_000;
// Three contexts, so a stats tick does not re-render the feed and an alert does not re-render the charts.
const AlertsContext = createContext<LiveAlerts>({ alerts: [], fresh: new Set() });
const StatsContext = createContext<StatsTick | null>(null);
const StatusContext = createContext<FeedStatus>("connecting");

export const useLiveAlerts = () => useContext(AlertsContext);
export const useLiveStats = () => useContext(StatsContext);
export const useFeedStatus = () => useContext(StatusContext);

async function fetchChangedSince(since: string): Promise<AlertSummary[]> {
  const all: AlertSummary[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ changedSince: since, limit: "500", ...(cursor ? { cursor } : {}) });
    const page: { items: AlertSummary[]; nextCursor: string | null } = await requestJson(
      "GET",
      `/api/v1/alerts?${params}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 20_000);
  return all;
}

export function LiveAlertsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<FeedStatus>("connecting");
  const [alerts, setAlerts] = useState<AlertSummary[]>([]);
  const [stats, setStats] = useState<StatsTick | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const store = useRef(new Map<string, AlertSummary>());
  const pending = useRef<AlertSummary[]>([]);
  const lastChange = useRef<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const socket: Socket<ServerToClientEvents> = io({ withCredentials: true, transports: ["websocket", "polling"] });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFlush = 0;
    let overviewTimer: ReturnType<typeof setTimeout> | null = null;
    let lastOverviewRefresh = 0;
    const refreshOverview = () => {
      overviewTimer = null;
      lastOverviewRefresh = performance.now();
      void queryClient.invalidateQueries({ queryKey: queryKeys.overview.all });
    };
    let everConnected = false;

    const flush = () => {
      timer = null;
      lastFlush = performance.now();
      const batch = pending.current;
      pending.current = [];
      if (!batch.length) return;
      const arrived = new Set<string>();
      for (const alert of batch) {
        const known = store.current.get(alert.id);
        if (!known || known.updatedAt <= alert.updatedAt) store.current.set(alert.id, alert);
        if (!known) arrived.add(alert.id);
        if (!lastChange.current || alert.updatedAt > lastChange.current) lastChange.current = alert.updatedAt;
      }
      const sorted = [...store.current.values()].sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
      );
      for (const dropped of sorted.slice(MAX_ALERTS)) store.current.delete(dropped.id);
      setAlerts(sorted.slice(0, MAX_ALERTS));
      if (arrived.size) {
        setFresh(arrived);
        overviewTimer ??= setTimeout(
          refreshOverview,
          Math.max(0, OVERVIEW_REFRESH_MS - (performance.now() - lastOverviewRefresh)),
        );
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all, refetchType: "none" });
    };
    // The first alert after a quiet spell shows at once; a burst is applied every FLUSH_MS.
    const receive = (alert: AlertSummary) => {
      pending.current.push(alert);
      timer ??= setTimeout(flush, Math.max(0, FLUSH_MS - (performance.now() - lastFlush)));
    };

    socket.on("alert:new", receive);
    socket.on("alert:update", receive);
    socket.on("stats:tick", setStats);
    socket.on("connect", async () => {
      // First connection, or a recovered one (the server replays what was missed): live now.
      if (!everConnected) {
        everConnected = true;
        setStatus("live");
        const recent = await requestJson<{ items: AlertSummary[] }>("GET", "/api/v1/alerts?limit=200").catch(
          () => null,
        );
        for (const alert of recent?.items ?? []) receive(alert);
        return;
      }
      if (socket.recovered) {
        setStatus("live");
        return;
      }
      setStatus("catching-up");
      try {
        const since = lastChange.current ?? new Date(Date.now() - 10 * 60_000).toISOString();
        for (const alert of await fetchChangedSince(since)) receive(alert);
      } finally {
        setStatus(socket.connected ? "live" : "offline");
      }
    });
    socket.on("disconnect", () => setStatus("offline"));
    // The browser knows before the socket's heartbeat does: drop the transport (keeping the
    // session for recovery) and reconnect as soon as the network is back.
    const offline = () => socket.io.engine?.close();
    const online = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      if (timer) clearTimeout(timer);
      if (overviewTimer) clearTimeout(overviewTimer);
      socket.close();
    };
  }, [enabled, queryClient]);

  useEffect(() => {
    if (!fresh.size) return;
    const t = setTimeout(() => setFresh(new Set()), 4_000);
    return () => clearTimeout(t);
  }, [fresh]);

  const live = useMemo(() => ({ alerts, fresh }), [alerts, fresh]);
  return (
    <StatusContext.Provider value={status}>
      <StatsContext.Provider value={stats}>
        <AlertsContext.Provider value={live}>{children}</AlertsContext.Provider>
      </StatsContext.Provider>
    </StatusContext.Provider>
  );
}

const LABEL: Record<FeedStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  "catching-up": "Catching up…",
  offline: "Offline – reconnecting",
};

export function FeedStatusBadge() {
  const status = useFeedStatus();
  const tone = status === "live" ? "bg-success" : status === "offline" ? "bg-danger" : "bg-sev-medium";
  return (
    <span
      role="status"
      aria-live="polite"
      data-feed-status={status}
      className="inline-flex items-center gap-1.5 rounded-full border border-border px-2.5 py-0.5 text-xs text-muted"
    >
      <span aria-hidden className={`size-2 rounded-full ${tone} ${status === "live" ? "animate-pulse" : ""}`} />
      {LABEL[status]}
    </span>
  );
}
