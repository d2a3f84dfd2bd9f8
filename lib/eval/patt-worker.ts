// A PATT measuring thread's entry (started by patt-parallel.ts through scripts/ts-worker.mjs): runs
// its share of the lists through the engine and posts the tallies back.
import { parentPort, workerData } from "node:worker_threads";
import { DetectorErrorTally } from "@/lib/detection/detector-error-tally.ts";
import { loadSigmaDirectory } from "@/lib/detection/sigma-engine/index.ts";
import type { ParanoiaLevel } from "@/lib/detection/verdict.ts";
import { categoriesFired, excludeDetections } from "./measure.ts";
import type { PattJob, PattJobResult } from "./patt-parallel.ts";
import { runPatt } from "./patt-run.ts";

const job = (workerData as { job: PattJob }).job;
excludeDetections(job.disabled);
const sigma = loadSigmaDirectory(job.rulesDir).rules;
const errors = new DetectorErrorTally();
const report = runPatt(
  job.lists,
  (event) => categoriesFired(event, sigma, job.paranoia as ParanoiaLevel, errors.sink("patt")) ?? new Set<string>(),
);
parentPort!.postMessage({ report, errors: errors.list() } satisfies PattJobResult);
