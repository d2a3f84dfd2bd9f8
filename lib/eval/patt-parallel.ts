// The PATT matrix is ~300,000 engine runs at the default sample: spread over worker threads (one
// per core by default), each scoring a share of the lists, and their tallies merged. Each worker
// loads the shipped Sigma rules itself and applies the same --disable list.
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { DetectorErrorCount } from "@/lib/detection/detector-error-tally.ts";
import type { PattList } from "./patt.ts";
import type { ClassTally, PattReport, Tally } from "./patt-run.ts";

export interface PattJob {
  lists: PattList[];
  paranoia: number;
  disabled: string[];
  rulesDir: string;
}

export interface PattJobResult {
  report: PattReport;
  errors: DetectorErrorCount[];
}

/** Lists dealt to `n` shares so each has about as many payloads (largest first, to the lightest share). */
export function shareLists(lists: PattList[], n: number): PattList[][] {
  const shares = Array.from({ length: Math.max(1, n) }, () => ({ lists: [] as PattList[], load: 0 }));
  for (const list of [...lists].sort((a, b) => b.lines.length - a.lines.length)) {
    const lightest = shares.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.lists.push(list);
    lightest.load += list.lines.length;
  }
  return shares.map((s) => s.lists).filter((l) => l.length > 0);
}

function addTally<T extends Tally>(into: T, from: T) {
  for (const key of Object.keys(from) as (keyof T)[])
    (into[key] as number) = ((into[key] as number) ?? 0) + (from[key] as number);
}

function mergeCells(into: Map<string, Tally>, from: Map<string, Tally>) {
  for (const [key, t] of from) {
    const mine = into.get(key);
    if (mine) addTally(mine, t);
    else into.set(key, { ...t });
  }
}

/** One report from the workers' reports (sums of every tally; misses concatenated). */
export function mergeReports(reports: PattReport[]): PattReport {
  const out: PattReport = {
    byClass: new Map(),
    matrix: { tuned: new Map(), measured: new Map() },
    classMatrix: { tuned: new Map(), measured: new Map() },
    misses: [],
    sampled: reports.some((r) => r.sampled),
  };
  for (const r of reports) {
    for (const [label, parts] of r.byClass) {
      const mine = out.byClass.get(label) ?? {};
      out.byClass.set(label, mine);
      for (const part of ["tuned", "measured"] as const) {
        const t = parts[part];
        if (!t) continue;
        if (mine[part]) addTally<ClassTally>(mine[part], t);
        else mine[part] = { ...t };
      }
    }
    for (const part of ["tuned", "measured"] as const) {
      mergeCells(out.matrix[part], r.matrix[part]);
      for (const [label, cells] of r.classMatrix[part]) {
        const mine = out.classMatrix[part].get(label) ?? new Map<string, Tally>();
        out.classMatrix[part].set(label, mine);
        mergeCells(mine, cells);
      }
    }
    out.misses.push(...r.misses);
  }
  return out;
}

/** Runs the lists on `workers` threads (default: one per core) and merges what they count. */
export async function runPattParallel(
  job: Omit<PattJob, "lists">,
  lists: PattList[],
  workers = os.availableParallelism(),
): Promise<PattJobResult> {
  const script = fileURLToPath(new URL("../../scripts/ts-worker.mjs", import.meta.url));
  const entry = fileURLToPath(new URL("./patt-worker.ts", import.meta.url));
  const results = await Promise.all(
    shareLists(lists, workers).map(
      (share) =>
        new Promise<PattJobResult>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { entry, job: { ...job, lists: share } satisfies PattJob } });
          worker.once("message", (result: PattJobResult) => resolve(result));
          worker.once("error", reject);
          worker.once("exit", (code) => code !== 0 && reject(new Error(`PATT worker exited with ${code}`)));
        }),
    ),
  );
  return { report: mergeReports(results.map((r) => r.report)), errors: results.flatMap((r) => r.errors) };
}
