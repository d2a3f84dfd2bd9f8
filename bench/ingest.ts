// `npm run bench -- ingest`: drives the real POST /api/v1/events of a real server (its own
// process) with batches of 1,000 realistic mixed events for a while, then checks that every event
// the server accepted is in the database. Prints sustained events/s and batch latency p50/p99.
import { postEvents, postEventsBody } from "@/lib/simulator/post-events.ts";
import { TrafficGenerator } from "@/lib/simulator/traffic.ts";
import { benchTarget, percentile, prepareWithKey, startServer, type Backend } from "./server.ts";

/**
 * Batches are made and serialised before the clock starts, enough for this many events a second:
 * on the 2-core machine the sender shares the cores with the server, and making an event costs it
 * ~17 µs, a sixth of a core at 10,000 events/s, that a sensor fleet spends on its own machines. A
 * sender that runs out makes the rest as it goes.
 */
const PREPARED_EVENTS_PER_SECOND = 16_000;

export interface IngestOptions {
  seconds: number;
  batch: number;
  concurrency: number;
  attackShare: number;
}

export interface IngestResult {
  backend: Backend;
  seconds: number;
  batches: number;
  sent: number;
  accepted: number;
  alerts: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  stored: number;
  missing: number;
}

export async function benchIngest(backend: Backend, options: IngestOptions, port: number): Promise<IngestResult> {
  const target = await benchTarget(backend);
  try {
    const { token, orgId } = await prepareWithKey(target, ["events:write"]);
    const traffic = prepareTraffic(options);
    const server = await startServer(target, port);
    try {
      const sent = await sendTraffic(server.url, token, options, traffic);
      await server.stop();
      const db = await target.open();
      const stored = await db.prisma.event.count({ where: { orgId } });
      await db.close();
      const latencies = sent.latencies;
      const measured = latencies.length * options.batch;
      return {
        backend,
        seconds: Math.round(sent.elapsed * 10) / 10,
        batches: latencies.length,
        sent: sent.sent,
        accepted: sent.accepted,
        alerts: sent.alerts,
        eventsPerSecond: Math.round(measured / sent.elapsed),
        p50: Math.round(percentile(latencies, 50)),
        p99: Math.round(percentile(latencies, 99)),
        stored,
        missing: Math.max(0, sent.accepted - stored),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
}

/** The senders and their batches, made and serialised before the server starts and the clock runs. */
export interface PreparedTraffic {
  senders: TrafficGenerator[];
  batches: string[][];
}

export function prepareTraffic(options: IngestOptions): PreparedTraffic {
  const senders = Array.from(
    { length: options.concurrency },
    (_, n) => new TrafficGenerator({ seed: 1000 + n, attackShare: options.attackShare, idPrefix: `b${n}` }),
  );
  const perSender = Math.ceil((options.seconds * PREPARED_EVENTS_PER_SECOND) / options.batch / options.concurrency);
  const batches = senders.map((traffic) =>
    Array.from({ length: perSender }, () => JSON.stringify(traffic.batch(options.batch))).reverse(),
  );
  return { senders, batches };
}

export interface SentTraffic {
  elapsed: number;
  sent: number;
  accepted: number;
  alerts: number;
  /** Each timed batch's latency in ms, sorted. */
  latencies: number[];
}

/** Three warm-up batches, then `concurrency` senders posting batches for `seconds`. */
export async function sendTraffic(
  url: string,
  token: string,
  options: IngestOptions,
  traffic: PreparedTraffic,
): Promise<SentTraffic> {
  const latencies: number[] = [];
  let sent = 0;
  let accepted = 0;
  let alerts = 0;
  // Warm-up: the first requests compile routes and fill caches.
  const warm = new TrafficGenerator({ seed: 7, attackShare: options.attackShare, idPrefix: "warm" });
  for (let i = 0; i < 3; i++) accepted += (await postEvents(url, token, warm.batch(options.batch))).accepted;
  sent += 3 * options.batch;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const worker = async (n: number) => {
    while (performance.now() < end) {
      const body = traffic.batches[n]!.pop() ?? JSON.stringify(traffic.senders[n]!.batch(options.batch));
      const result = await postEventsBody(url, token, body);
      sent += options.batch;
      accepted += result.accepted;
      alerts += result.alerts;
      latencies.push(result.ms);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, n) => worker(n)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { elapsed, sent, accepted, alerts, latencies };
}

export function ingestTable(results: IngestResult[], options: IngestOptions): string {
  const lines = [
    `Batches of ${options.batch} mixed events (${Math.round(options.attackShare * 100)}% attack traffic), ${options.concurrency} concurrent senders, ${options.seconds} s per backend.`,
    "",
    "| Backend | Events/s (sustained) | Batch p50 | Batch p99 | Batches | Accepted | Stored afterwards | Missing | Alert updates |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.backend} | ${r.eventsPerSecond.toLocaleString("en")} | ${r.p50} ms | ${r.p99} ms | ${r.batches} | ${r.accepted.toLocaleString("en")} | ${r.stored.toLocaleString("en")} | ${r.missing} | ${r.alerts.toLocaleString("en")} |`,
    ),
  ];
  return lines.join("\n");
}
