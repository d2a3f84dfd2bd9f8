// `npm run bench -- detection`: what detection costs the CPU, per 1,000 events, in this process (no
// server, no database): the simulator's mixed traffic validated once, then scored again and again.
// Reports the median of several rounds for the whole of scoring and for each stage (reading the
// inputs, the payload detectors, Sigma, reputation), and which payload detectors cost the most
// (timed one call at a time, so their sum is a little above the stage's own time).
import path from "node:path";
import { detectPayloads, type DetectorTiming } from "@/lib/detection/payloads/index.ts";
import { inputsOf } from "@/lib/detection/payloads/inputs.ts";
import { loadReputationDirectory, reputationDetections } from "@/lib/detection/reputation.ts";
import { loadSigmaDirectory, sigmaDetections } from "@/lib/detection/sigma-engine/index.ts";
import { firedDetections, type ParanoiaLevel } from "@/lib/detection/verdict.ts";
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { validateEvents } from "@/lib/pipeline/validate-events.ts";
import { TrafficGenerator } from "@/lib/simulator/traffic.ts";

export interface DetectionOptions {
  events: number;
  rounds: number;
  attackShare: number;
  paranoia: ParanoiaLevel;
}

export interface StageCost {
  stage: string;
  /** Median ms per 1,000 events. */
  msPer1000: number;
}

export interface DetectionResult {
  events: number;
  stages: StageCost[];
  detectors: { id: string; msPer1000: number; calls: number }[];
}

const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(events: NormalizedEvent[], rounds: number, score: (event: NormalizedEvent) => unknown): number {
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (const event of events) score(event);
    perRound.push(((performance.now() - started) * 1000) / events.length);
  }
  return median(perRound);
}

export function benchDetection(options: DetectionOptions): DetectionResult {
  const sigma = loadSigmaDirectory(path.join(root, "rules")).rules;
  const reputation = loadReputationDirectory(path.join(root, "rules/reputation")).lists;
  const traffic = new TrafficGenerator({ seed: 7, attackShare: options.attackShare, idPrefix: "bench" });
  const { valid: events } = validateEvents(traffic.batch(options.events).map((value) => ({ value })));
  const ruleset = { paranoia: options.paranoia, sigma, reputation };
  // One warm-up round: the first pass compiles the patterns and fills the per-agent caches.
  for (const event of events) firedDetections(event, ruleset);
  const stages: StageCost[] = [
    { stage: "all of scoring", msPer1000: timed(events, options.rounds, (e) => firedDetections(e, ruleset)) },
    { stage: "reading inputs (inputsOf)", msPer1000: timed(events, options.rounds, (e) => inputsOf(e)) },
    {
      stage: "payload detectors (with inputs)",
      msPer1000: timed(events, options.rounds, (e) => detectPayloads(e, { paranoia: options.paranoia })),
    },
    { stage: "Sigma rules", msPer1000: timed(events, options.rounds, (e) => sigmaDetections(sigma, e)) },
    { stage: "reputation lists", msPer1000: timed(events, options.rounds, (e) => reputationDetections(reputation, e)) },
  ];
  const timing: DetectorTiming = new Map();
  for (const event of events) detectPayloads(event, { paranoia: options.paranoia, timing });
  const detectors = [...timing]
    .map(([id, t]) => ({ id, msPer1000: (t.ms * 1000) / events.length, calls: t.calls }))
    .sort((a, b) => b.msPer1000 - a.msPer1000);
  return { events: events.length, stages, detectors };
}

export function detectionTable(result: DetectionResult, options: DetectionOptions, top = 20): string {
  const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
  return [
    `${result.events} simulator events (attack share ${options.attackShare}), paranoia ${options.paranoia}, median of ${options.rounds} rounds, one thread.`,
    "",
    "| stage | CPU per 1,000 events |",
    "|---|---:|",
    ...result.stages.map((s) => `| ${s.stage} | ${ms(s.msPer1000)} |`),
    "",
    `Payload detectors by cost (top ${top}, one timed pass):`,
    "",
    "| detector | CPU per 1,000 events | calls |",
    "|---|---:|---:|",
    ...result.detectors.slice(0, top).map((d) => `| ${d.id} | ${ms(d.msPer1000)} | ${d.calls} |`),
  ].join("\n");
}
