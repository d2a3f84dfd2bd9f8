// `npm run bench -- scale`: a large database loaded the fast way (straight into the tables), then
// the real server on it: p50/p95 of every console call, bytes per stored event, ingest events/s
// on the loaded database and the time to apply retention to one day.
import os from "node:os";
import type { Database } from "@/lib/db/connect.ts";
import { applyEventRetention } from "@/lib/pipeline/event-retention.ts";
import type { Backend, BenchTarget } from "../server.ts";
import { benchTarget, prepareWithKey, startServer } from "../server.ts";
import { prepareTraffic, sendTraffic, type IngestOptions } from "../ingest.ts";
import { EVENT_ID_SQL, type DocShape } from "./event-columns.ts";
import { loadScale, type LoadResult } from "./load.ts";
import { measureApi, type ApiTiming } from "./measure.ts";
import { eventStorage, type StorageResult } from "./storage.ts";

export interface ScaleOptions {
  events: number;
  alerts: number;
  audit: number;
  chunk: number;
  doc: DocShape;
  calls: number;
  alertDepth: number;
  ingestSeconds: number;
  /** Leave the loaded database for a rerun. */
  keep: boolean;
  /** Use the database a --keep run left (loading only when it is not there). */
  reuse: boolean;
}

export interface ScaleResult {
  backend: Backend;
  load: LoadResult | null;
  storage: StorageResult;
  api: ApiTiming[];
  ingest: { eventsPerSecond: number; accepted: number; stored: number; seconds: number };
  /** Seconds to apply retention to the oldest day; null until the retention function exists. */
  retentionSeconds: number;
  /** How busy the shared machine was: its cores and 1-minute load average when the API timing began and ended. */
  machine: { cpus: number; loadBefore: number; loadAfter: number };
}

export const SCALE_DEFAULT_EVENTS: Record<Backend, number> = { postgres: 10_000_000, pglite: 1_000_000 };

const SCOPES = ["events:read", "events:write", "alerts:read", "audit:read"];

/** Whether a --keep run finished loading this many events and alerts into the database. */
async function alreadyLoaded(db: Database, options: ScaleOptions) {
  const conn = await db.openSqlConnection();
  try {
    const [row] = await conn.query<{ last: boolean; alerts: string }>(
      `SELECT EXISTS (SELECT 1 FROM "Event" e WHERE "eventId" = ${EVENT_ID_SQL.replace("e.g", "$1::bigint")}) AS last,
        (SELECT count(*) FROM "Alert")::text AS alerts`,
      [options.events],
    );
    return Boolean(row?.last) && Number(row?.alerts) >= options.alerts;
  } finally {
    await conn.close();
  }
}

export async function benchScale(backend: Backend, options: ScaleOptions, port: number): Promise<ScaleResult> {
  const keepName = options.keep || options.reuse ? `scale_${options.events}_${options.doc}` : undefined;
  const target = await benchTarget(backend, keepName);
  try {
    const { token, orgId } = await prepareWithKey(target, SCOPES);
    const db = await target.open();
    let load: LoadResult | null = null;
    let storage: StorageResult;
    try {
      if (!(options.reuse && (await alreadyLoaded(db, options)))) {
        const sql = await db.openSqlConnection();
        const loadStarted = performance.now();
        try {
          load = await loadScale(sql, orgId, {
            events: options.events,
            alerts: options.alerts,
            audit: options.audit,
            chunk: options.chunk,
            doc: options.doc,
            now: new Date(),
            onProgress: (step) =>
              console.error(`  ${backend}: ${step} … (${Math.round((performance.now() - loadStarted) / 1000)} s)`),
          });
        } finally {
          await sql.close();
        }
      } else console.error(`  ${backend}: reusing the loaded database (${keepName})`);
      const sql = await db.openSqlConnection();
      try {
        storage = await eventStorage(sql);
      } finally {
        await sql.close();
      }
    } finally {
      await db.close();
    }
    const ingestOptions: IngestOptions = {
      seconds: options.ingestSeconds,
      batch: 1000,
      concurrency: 4,
      attackShare: 0.05,
    };
    const traffic = prepareTraffic(ingestOptions);
    const server = await startServer(target, port);
    let api: ApiTiming[];
    let sent: Awaited<ReturnType<typeof sendTraffic>>;
    const loadBefore = os.loadavg()[0]!;
    let loadAfter: number;
    try {
      console.error(`  ${backend}: timing the API …`);
      api = await measureApi(server.url, token, { calls: options.calls, alertDepth: options.alertDepth });
      console.error(`  ${backend}: ingest for ${options.ingestSeconds} s …`);
      sent = await sendTraffic(server.url, token, ingestOptions, traffic);
      loadAfter = os.loadavg()[0]!;
    } finally {
      await server.stop();
    }
    const after = await target.open();
    let stored: number;
    try {
      stored = await after.prisma.event.count({ where: { orgId } });
    } finally {
      await after.close();
    }
    const retentionSeconds = await measureRetention(target, orgId);
    return {
      backend,
      load,
      storage,
      api,
      ingest: {
        eventsPerSecond: Math.round((sent.latencies.length * ingestOptions.batch) / sent.elapsed),
        accepted: sent.accepted,
        stored: stored - storage.rows,
        seconds: Math.round(sent.elapsed * 10) / 10,
      },
      retentionSeconds,
      machine: { cpus: os.cpus().length, loadBefore, loadAfter },
    };
  } finally {
    if (!options.keep) await target.cleanup();
  }
}

/**
 * Retention applied to the oldest loaded day: keep six whole days, so the run drops the day
 * partition seven days back (the loaded span starts there), audited, as the hourly job would.
 */
async function measureRetention(target: BenchTarget, orgId: string): Promise<number> {
  const db = await target.open();
  try {
    await db.prisma.org.update({ where: { id: orgId }, data: { eventRetentionDays: 6 } });
    const started = performance.now();
    const result = await applyEventRetention(db.prisma, orgId);
    const seconds = (performance.now() - started) / 1000;
    console.error(`  retention: dropped ${result.days.length} day(s), ${result.events.toLocaleString("en")} events`);
    return seconds;
  } finally {
    await db.close();
  }
}
