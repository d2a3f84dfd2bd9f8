// The scale bench's printout: what was loaded and how fast, bytes per event, the API table
// (call, p50, p95, aim, met/missed), ingest on the loaded database and retention.
import type { ScaleOptions, ScaleResult } from "./index.ts";

const n = (x: number) => x.toLocaleString("en");
const mb = (bytes: number) => `${n(Math.round(bytes / 1_048_576))} MB`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x} ms`);
const perSecond = (rows: number, seconds: number) => (seconds > 0 ? n(Math.round(rows / seconds)) : "–");

/** percentile() takes the value at floor(0.95 × n): with fewer than 20 calls that is the slowest. */
function p95Note(calls: number): string {
  const slower = calls - 1 - Math.min(calls - 1, Math.floor(0.95 * calls));
  return slower === 0 ? ` (with ${calls} calls p95 is the slowest)` : ` (p95: ${slower} calls were slower)`;
}

export function scaleReport(r: ScaleResult, options: ScaleOptions): string {
  const lines: string[] = [
    `### ${r.backend}`,
    "",
    `${r.machine.cpus} cores; 1-minute load average ${r.machine.loadBefore.toFixed(1)} when the API timing began, ${r.machine.loadAfter.toFixed(1)} after ingest.`,
    "",
  ];
  if (r.load) {
    const l = r.load;
    lines.push(
      `Loaded ${n(l.events)} events (${options.doc} documents) in ${l.eventSeconds.toFixed(1)} s (${perSecond(l.events, l.eventSeconds)} rows/s, ${n(options.chunk)} per statement), ` +
        `rollups rebuilt from them in ${l.rollupSeconds.toFixed(1)} s, ${n(l.alerts)} alerts in ${l.alertSeconds.toFixed(1)} s (${perSecond(l.alerts, l.alertSeconds)} rows/s), ` +
        `${n(l.riskRows)} entity risk rows and samples in ${l.riskSeconds.toFixed(1)} s, ${n(l.audit)} audit entries (hash-chained) in ${l.auditSeconds.toFixed(1)} s; ` +
        `VACUUM ANALYZE ${l.vacuumSeconds.toFixed(1)} s.`,
      "",
    );
  } else lines.push("Reused the database a --keep run loaded.", "");
  const s = r.storage;
  lines.push(
    `Event table: ${n(s.rows)} rows, ${mb(s.totalBytes)} = heap ${mb(s.heapBytes)} + TOAST and other forks ${mb(s.toastBytes)} + indexes ${mb(s.indexBytes)}: **${n(s.bytesPerEvent)} bytes per event** ` +
      `(heap ${n(Math.round(s.heapBytes / Math.max(1, s.rows)))}, indexes ${n(Math.round(s.indexBytes / Math.max(1, s.rows)))}).`,
    "",
    "| Index | Size | Bytes/event |",
    "|---|---:|---:|",
    ...s.indexes.map((i) => `| ${i.name} | ${mb(i.bytes)} | ${n(i.bytesPerEvent)} |`),
    "",
    `API over HTTP, 1 warm-up then ${options.calls} calls each, one at a time${p95Note(options.calls)}:`,
    "",
    '| Call | p50 | p95 | Items | Aim (p95) | Met | Issue\'s "now" (p50) |',
    "|---|---:|---:|---:|---:|---|---|",
    ...r.api.map(
      (a) =>
        `| ${a.call} | ${ms(a.p50)} | ${ms(a.p95)} | ${a.items} | ${a.aimMs ? `≤ ${ms(a.aimMs)}` : "–"} | ${a.aimMs ? (a.p95 <= a.aimMs ? "met" : "missed") : "–"} | ${a.before ?? ""} |`,
    ),
    "",
    `Ingest on the loaded database (\`bench -- ingest\`'s senders, 4 × 1,000-event batches, ${r.ingest.seconds} s): **${n(r.ingest.eventsPerSecond)} events/s**; ` +
      `${n(r.ingest.accepted)} accepted, ${n(r.ingest.stored)} stored${r.ingest.stored < r.ingest.accepted ? " (MISSING some)" : ""}.`,
    "",
    `Retention of one day: ${r.retentionSeconds.toFixed(2)} s.`,
  );
  return lines.join("\n");
}
