// The whole scale load: events, alerts with entity risk, audit entries, then VACUUM ANALYZE (the
// planner needs statistics, and a freshly loaded table needs its visibility map for index-only
// scans). Answers the time of each step and rows/s.
import type { SqlConnection } from "@/lib/db/sql.ts";
import { loadAlerts } from "./load-alerts.ts";
import { loadAudit } from "./load-audit.ts";
import type { DocShape } from "./event-columns.ts";
import { loadEvents } from "./load-events.ts";
import { rebuildRollups } from "./load-rollups.ts";

export interface LoadOptions {
  events: number;
  alerts: number;
  audit: number;
  /** Rows per INSERT ... SELECT statement. */
  chunk: number;
  /** Each event's stored document: minimal (the default) or the whole ECS document. */
  doc?: DocShape;
  now: Date;
  onProgress?: (step: string) => void;
}

export interface LoadResult {
  events: number;
  alerts: number;
  audit: number;
  riskRows: number;
  eventSeconds: number;
  rollupSeconds: number;
  alertSeconds: number;
  riskSeconds: number;
  auditSeconds: number;
  vacuumSeconds: number;
}

export async function loadScale(sql: SqlConnection, orgId: string, options: LoadOptions): Promise<LoadResult> {
  const eventSeconds = await loadEvents(sql, orgId, {
    total: options.events,
    chunk: options.chunk,
    now: options.now,
    doc: options.doc ?? "minimal",
    onProgress: (done, total) =>
      options.onProgress?.(`events ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`),
  });
  options.onProgress?.("rollups");
  const rollupSeconds = await rebuildRollups(sql, orgId);
  options.onProgress?.("alerts");
  const alerts = await loadAlerts(sql, orgId, {
    total: options.alerts,
    chunk: Math.min(options.chunk, 100_000),
    now: options.now,
    events: options.events,
  });
  options.onProgress?.("audit");
  const auditSeconds = await loadAudit(sql, orgId, { total: options.audit, now: options.now });
  options.onProgress?.("vacuum analyze");
  const started = performance.now();
  await sql.exec("VACUUM ANALYZE");
  return {
    events: options.events,
    alerts: options.alerts,
    audit: options.audit,
    riskRows: alerts.riskRows,
    eventSeconds,
    rollupSeconds,
    alertSeconds: alerts.alertSeconds,
    riskSeconds: alerts.riskSeconds,
    auditSeconds,
    vacuumSeconds: (performance.now() - started) / 1000,
  };
}
