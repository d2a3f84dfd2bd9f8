// Timing the console's API on the loaded database, over HTTP against the real server: each call
// once to warm up, then `calls` times in a row; p50 and p95 of those. Cursor pages are reached by
// walking the real nextCursor chain once, then the same deep cursor is timed repeatedly.
import { percentile } from "../server.ts";
import { ANALYSTS } from "./load-audit.ts";
import { MODULES, RARE_WORD, ipOf, userOf } from "./pools.ts";

export interface ApiTiming {
  call: string;
  p50: number;
  p95: number;
  /** The aim for it, in ms (p95), when it has one. */
  aimMs?: number;
  /** What the issue owner measured before (p50), when it says. */
  before?: string;
  /** Items on the page (so a search that finds nothing is visible). */
  items: number;
}

interface Client {
  get(path: string): Promise<{ items?: unknown[]; nextCursor?: string | null }>;
}

function client(baseUrl: string, token: string): Client {
  return {
    async get(path) {
      const response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as { items?: unknown[]; nextCursor?: string | null };
    },
  };
}

async function time(api: Client, path: string, calls: number): Promise<{ p50: number; p95: number; items: number }> {
  const first = await api.get(path);
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await api.get(path);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)), items: first.items?.length ?? 0 };
}

/**
 * Follows nextCursor up to `pages` times from `path` (limit in the path): the cursor reached and
 * how many pages it is past the first (fewer when the list ends sooner, in a small load).
 */
async function walk(api: Client, path: string, pages: number): Promise<{ cursor: string; pages: number }> {
  let cursor: string | undefined;
  let walked = 0;
  while (walked < pages) {
    const page = await api.get(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    walked += 1;
  }
  if (!cursor) throw new Error(`${path} has a single page`);
  return { cursor, pages: walked };
}

export interface MeasureOptions {
  calls: number;
  /** How deep the deep alerts page is (rows before it), walked 50 at a time. */
  alertDepth: number;
}

export async function measureApi(baseUrl: string, token: string, options: MeasureOptions): Promise<ApiTiming[]> {
  const api = client(baseUrl, token);
  const since24h = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
  const busyIp = ipOf(0);
  const busyUser = userOf(0);
  const moduleName = MODULES[9]!.module; // a middling module: neither most of the table nor rare
  const deepAlerts = await walk(api, "/api/v1/alerts?limit=50", Math.round(options.alertDepth / 50));
  const laterEvents = await walk(api, `/api/v1/events?module=${moduleName}&limit=50`, 20);
  const calls: { call: string; path: string; aimMs?: number; before?: string }[] = [
    { call: "overview 1h", path: "/api/v1/stats/overview?window=1h", aimMs: 200, before: "231 ms" },
    { call: "overview 24h", path: "/api/v1/stats/overview?window=24h", aimMs: 200, before: "2.9 s" },
    { call: "overview 7d", path: "/api/v1/stats/overview?window=7d", aimMs: 200, before: "4.8 s" },
    { call: "alerts first page (lastSeen)", path: "/api/v1/alerts?limit=50", aimMs: 50, before: "309 ms" },
    { call: "alerts sort=created", path: "/api/v1/alerts?limit=50&sort=created", aimMs: 50 },
    { call: "alerts sort=score", path: "/api/v1/alerts?limit=50&sort=score", aimMs: 50 },
    { call: "alerts view Open (status=new,acknowledged,in_progress)", path: "/api/v1/alerts?limit=50&status=new,acknowledged,in_progress", aimMs: 50 },
    { call: "alerts view New high (status=new&severity=high)", path: "/api/v1/alerts?limit=50&status=new&severity=high", aimMs: 50 },
    { call: `alerts page ${(deepAlerts.pages * 50).toLocaleString("en")} deep`, path: `/api/v1/alerts?limit=50&cursor=${encodeURIComponent(deepAlerts.cursor)}`, aimMs: 50, before: "341 ms" },
    { call: `events q=${RARE_WORD} (rare word, 24 h)`, path: `/api/v1/events?q=${RARE_WORD}&since=${since24h}`, aimMs: 1000, before: "6.4 s" },
    { call: "events q=login (common word, 24 h)", path: `/api/v1/events?q=login&since=${since24h}`, aimMs: 1000 },
    { call: "events q=10.20.3. (IP fragment, 24 h)", path: `/api/v1/events?q=10.20.3.&since=${since24h}`, aimMs: 1000 },
    { call: `events q=${RARE_WORD} (rare word, no time range)`, path: `/api/v1/events?q=${RARE_WORD}` },
    { call: `events sourceIp=${busyIp} (busiest)`, path: `/api/v1/events?sourceIp=${busyIp}`, before: "17 ms (keep)" },
    { call: `events user=${busyUser} (busiest)`, path: `/api/v1/events?user=${busyUser}` },
    { call: `events module=${moduleName}`, path: `/api/v1/events?module=${moduleName}` },
    { call: `events module=${moduleName}, page ${laterEvents.pages + 1}`, path: `/api/v1/events?module=${moduleName}&limit=50&cursor=${encodeURIComponent(laterEvents.cursor)}` },
    { call: "entities list (ip)", path: "/api/v1/entities?type=ip", before: "28 ms (keep)" },
    { call: "entities list (user)", path: "/api/v1/entities?type=user" },
    { call: `entity page ip ${busyIp} (busiest)`, path: `/api/v1/entities/ip/${busyIp}` },
    { call: "audit action=auth.login.failed", path: "/api/v1/audit?action=auth.login.failed" },
    { call: `audit actor=${ANALYSTS[2]}`, path: `/api/v1/audit?actor=${encodeURIComponent(ANALYSTS[2]!)}` },
    { call: "audit q=acknowledged (free text)", path: "/api/v1/audit?q=acknowledged" },
  ]; // prettier-ignore
  const timings: ApiTiming[] = [];
  for (const { path, ...call } of calls) {
    process.stderr.write(`  ${call.call} …\n`);
    timings.push({ ...call, ...(await time(api, path, options.calls)) });
  }
  return timings;
}
