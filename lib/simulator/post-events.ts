// Sends simulated traffic to a running SecureNet over HTTP (the real ingest endpoint), for
// `npm run cli -- simulate` and the benchmarks.
import { TrafficGenerator } from "./traffic.ts";

export interface PostResult {
  status: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  alerts: number;
  ms: number;
}

export function postEvents(baseUrl: string, token: string, events: unknown[]): Promise<PostResult> {
  return postEventsBody(baseUrl, token, JSON.stringify(events));
}

/** Posts an already serialised JSON array of events. */
export async function postEventsBody(baseUrl: string, token: string, json: string): Promise<PostResult> {
  const started = performance.now();
  const response = await fetch(new URL("/api/v1/events", baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: json,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { accepted: number; duplicates: number; rejected: unknown[]; alerts: unknown[] };
  return {
    status: response.status,
    accepted: body.accepted,
    duplicates: body.duplicates,
    rejected: body.rejected.length,
    alerts: body.alerts.length,
    ms,
  };
}

export interface SimulateOptions {
  url: string;
  token: string;
  ratePerSecond: number;
  durationSeconds: number;
  attackShare: number;
  seed?: number;
  onProgress?(line: string): void;
}

/** Sends `ratePerSecond` events each second (one batch) for `durationSeconds`. */
export async function simulate(options: SimulateOptions) {
  const traffic = new TrafficGenerator({
    seed: options.seed,
    attackShare: options.attackShare,
    idPrefix: `cli-${Date.now().toString(36)}`,
  });
  const totals = { sent: 0, accepted: 0, alerts: 0 };
  const end = Date.now() + options.durationSeconds * 1000;
  while (Date.now() < end) {
    const tick = Date.now();
    const result = await postEvents(options.url, options.token, traffic.batch(options.ratePerSecond));
    totals.sent += options.ratePerSecond;
    totals.accepted += result.accepted;
    totals.alerts += result.alerts;
    options.onProgress?.(
      `sent ${totals.sent}, accepted ${totals.accepted}, alerts raised or updated ${totals.alerts} (last batch ${result.ms.toFixed(0)} ms)`,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
  }
  return totals;
}
