// `npm run bench -- <name> [options]`: benchmarks against real servers. Speed targets live here,
// never in timed tests.
//   ingest [--seconds 60] [--batch 1000] [--concurrency 4] [--attack-share 0.05] [--only pglite|postgres]
//   live   [--seconds 30] [--clients 200] [--background 1000] [--only pglite|postgres]
//   scale  [--events N (10M postgres, 1M pglite)] [--alerts 200000] [--audit 50000] [--chunk 500000] [--doc minimal|full]
//          [--calls 10] [--depth 5000] [--seconds 30] [--keep] [--reuse] [--backend pglite|postgres]
//   detection [--events 5000] [--rounds 5] [--attack-share 0.05] [--paranoia 1]  (in-process CPU cost)
import { parseArgs } from "node:util";
import { benchDetection, detectionTable, type DetectionOptions } from "./detection.ts";
import { benchIngest, ingestTable, type IngestOptions } from "./ingest.ts";
import { benchLive, liveTable, type LiveOptions } from "./live.ts";
import { benchScale, SCALE_DEFAULT_EVENTS, type ScaleOptions } from "./scale/index.ts";
import { scaleReport } from "./scale/report.ts";
import type { Backend } from "./server.ts";

const [name, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    seconds: { type: "string" },
    clients: { type: "string", default: "200" },
    background: { type: "string", default: "1000" },
    batch: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "4" },
    "attack-share": { type: "string", default: "0.05" },
    only: { type: "string" },
    backend: { type: "string" },
    events: { type: "string" },
    alerts: { type: "string", default: "200000" },
    audit: { type: "string", default: "50000" },
    chunk: { type: "string" },
    doc: { type: "string", default: "minimal" },
    calls: { type: "string", default: "10" },
    depth: { type: "string", default: "5000" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    rounds: { type: "string", default: "5" },
    paranoia: { type: "string", default: "1" },
  },
});
const only = values.only ?? values.backend;
const backends: Backend[] = only ? [only as Backend] : ["pglite", "postgres"];

if (name === "ingest") {
  const options: IngestOptions = {
    seconds: Number(values.seconds ?? 60),
    batch: Number(values.batch),
    concurrency: Number(values.concurrency),
    attackShare: Number(values["attack-share"]),
  };
  const results = [];
  for (const [i, backend] of backends.entries()) {
    console.error(`ingest on ${backend}: ${options.seconds} s …`);
    results.push(await benchIngest(backend, options, 3300 + i));
  }
  console.log(ingestTable(results, options));
  process.exitCode = results.some((r) => r.missing > 0) ? 1 : 0;
} else if (name === "live") {
  const options: LiveOptions = {
    seconds: Number(values.seconds ?? 30),
    clients: Number(values.clients),
    backgroundPerSecond: Number(values.background),
    probeEveryMs: 250,
  };
  const results = [];
  for (const [i, backend] of backends.entries()) {
    console.error(`live on ${backend}: ${options.seconds} s …`);
    results.push(await benchLive(backend, options, 3310 + i));
  }
  console.log(liveTable(results, options));
  process.exitCode = results.some((r) => r.missing > 0 || r.duplicates > 0) ? 1 : 0;
} else if (name === "scale") {
  for (const [i, backend] of backends.entries()) {
    const options: ScaleOptions = {
      events: Number(values.events ?? SCALE_DEFAULT_EVENTS[backend]),
      alerts: Number(values.alerts),
      audit: Number(values.audit),
      // PGlite holds a statement's work in WebAssembly memory: smaller statements there.
      chunk: Number(values.chunk ?? (backend === "pglite" ? 250_000 : 500_000)),
      doc: values.doc === "full" ? "full" : "minimal",
      calls: Number(values.calls),
      alertDepth: Number(values.depth),
      ingestSeconds: Number(values.seconds ?? 30),
      keep: values.keep,
      reuse: values.reuse,
    };
    console.error(
      `scale on ${backend}: ${options.events.toLocaleString("en")} events, ${options.alerts.toLocaleString("en")} alerts …`,
    );
    console.log(scaleReport(await benchScale(backend, options, 3320 + i), options) + "\n");
  }
} else if (name === "detection") {
  const options: DetectionOptions = {
    events: Number(values.events ?? 5000),
    rounds: Number(values.rounds),
    attackShare: Number(values["attack-share"]),
    paranoia: Number(values.paranoia) as DetectionOptions["paranoia"],
  };
  console.log(detectionTable(benchDetection(options), options));
} else {
  console.error("usage: npm run bench -- ingest|live|scale|detection [options] (see bench/run.ts)");
  process.exitCode = 2;
}
