// `npm run bench -- live`: time from the POST of an alerting event to its alert:new at each of
// 200 Socket.IO clients, while background traffic of 1,000 events/s flows. Reports p50/p99 and
// whether any client missed any alert.
import { io, type Socket } from "socket.io-client";
import { postEvents } from "@/lib/simulator/post-events.ts";
import { TrafficGenerator } from "@/lib/simulator/traffic.ts";
import { benchTarget, percentile, prepareWithKey, startServer, type Backend } from "./server.ts";

export interface LiveOptions {
  clients: number;
  seconds: number;
  backgroundPerSecond: number;
  probeEveryMs: number;
}

export interface LiveResult {
  backend: Backend;
  clients: number;
  probes: number;
  deliveries: number;
  missing: number;
  duplicates: number;
  p50: number;
  p99: number;
  max: number;
}

const WARM_UP_PROBES = 8;

const probeEvents = (ip: string, n: number) =>
  Array.from({ length: 5 }, (_, i) => ({
    event: { id: `probe-${n}-${i}-${ip}`, module: "sshd" },
    message: `sshd[9]: Failed password for root from ${ip} port ${41000 + i} ssh2`,
  }));

export async function benchLive(backend: Backend, options: LiveOptions, port: number): Promise<LiveResult> {
  const target = await benchTarget(backend);
  try {
    const { token } = await prepareWithKey(target, ["events:write", "alerts:read"]);
    const server = await startServer(target, port);
    const sockets: Socket[] = [];
    const sentAt = new Map<string, number>();
    const arrivals = new Map<string, number[]>();
    const latencies: number[] = [];
    let duplicates = 0;
    try {
      await Promise.all(
        Array.from({ length: options.clients }, (_, n) => {
          const socket = io(server.url, { auth: { token }, transports: ["websocket"], forceNew: true });
          sockets.push(socket);
          const seen = new Set<string>();
          socket.on("alert:new", (alert: { title: string }) => {
            const at = performance.now();
            const ip = /from one source: (\S+)/.exec(alert.title)?.[1];
            if (!ip || !sentAt.has(ip)) return;
            if (seen.has(ip)) return void duplicates++;
            seen.add(ip);
            latencies.push(at - sentAt.get(ip)!);
            arrivals.set(ip, [...(arrivals.get(ip) ?? []), n]);
          });
          return new Promise<void>((resolve, reject) => {
            socket.once("connect", () => resolve());
            socket.once("connect_error", reject);
          });
        }),
      );
      const background = new TrafficGenerator({ seed: 3, attackShare: 0.02, idPrefix: "bg" });
      let running = true;
      const backgroundLoop = (async () => {
        const perTick = Math.round(options.backgroundPerSecond / 10);
        while (running) {
          const tick = performance.now();
          await postEvents(server.url, token, background.batch(perTick));
          await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - tick))));
        }
      })();
      // Warm-up, not counted (as the ingest bench's first batches): the first alerts after start
      // run code paths cold (one took ~470 ms), which would make p99 about one probe's start-up.
      for (let w = 1; w <= WARM_UP_PROBES; w++) {
        await postEvents(server.url, token, probeEvents(`198.19.0.${w}`, -w));
        await new Promise((r) => setTimeout(r, options.probeEveryMs));
      }
      const end = performance.now() + options.seconds * 1000;
      let n = 0;
      while (performance.now() < end) {
        n += 1;
        const ip = `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
        sentAt.set(ip, performance.now());
        await postEvents(server.url, token, probeEvents(ip, n));
        await new Promise((r) => setTimeout(r, options.probeEveryMs));
      }
      await new Promise((r) => setTimeout(r, 2_000));
      running = false;
      await backgroundLoop;
      latencies.sort((a, b) => a - b);
      const expected = sentAt.size * options.clients;
      return {
        backend,
        clients: options.clients,
        probes: sentAt.size,
        deliveries: latencies.length,
        missing: expected - latencies.length,
        duplicates,
        p50: Math.round(percentile(latencies, 50)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(latencies.at(-1) ?? NaN),
      };
    } finally {
      for (const socket of sockets) socket.close();
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
}

export function liveTable(results: LiveResult[], options: LiveOptions): string {
  return [
    `${options.clients} Socket.IO clients (API key auth), ${options.backgroundPerSecond} background events/s, one alerting POST every ${options.probeEveryMs} ms for ${options.seconds} s after ${WARM_UP_PROBES} uncounted warm-up alerts. Latency: POST sent → alert:new received.`,
    "",
    "| Backend | Alerts | Deliveries | Missing | Duplicates | p50 | p99 | max |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.backend} | ${r.probes} | ${r.deliveries.toLocaleString("en")} | ${r.missing} | ${r.duplicates} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms |`,
    ),
  ].join("\n");
}
