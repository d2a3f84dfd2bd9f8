// Detection quality: each labelled event through the engine's verdict (payload detectors and the
// shipped Sigma rules, at a paranoia level), counted per attack class: true-positive rate on
// attacks (a detection of the class fired) and false-positive rate on negatives.
import { ecsEventSchema, expandDottedKeys } from "@/lib/pipeline/ecs.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import type { DetectorErrorTally } from "@/lib/detection/detector-error-tally.ts";
import type { Category, Detection, DetectorErrorSink } from "@/lib/detection/types.ts";
import { verdictOf, type ParanoiaLevel } from "@/lib/detection/verdict.ts";

/** Misses listed per row with --misses. */
const MAX_MISSES = 60;

export interface Labelled {
  /** The classes that count as detecting it (an attack), or "benign". */
  classes: Category[] | "benign";
  group: string;
  event: Record<string, unknown>;
}

export interface Row {
  group: string;
  positives: number;
  detected: number;
  negatives: number;
  falsePositives: number;
  anyOnNegatives: number;
  misses: string[];
  /** Negatives on which a watched class fired (up to MAX_MISSES). */
  falseAlarms: string[];
}

/** A row with nothing counted yet. */
export const emptyRow = (group: string): Row => ({
  group,
  positives: 0,
  detected: 0,
  negatives: 0,
  falsePositives: 0,
  anyOnNegatives: 0,
  misses: [],
  falseAlarms: [],
});

/** Detection ids left out of every measurement (`npm run eval -- --disable …`); "x*" is a prefix. */
let excluded: { exact: Set<string>; prefixes: string[] } = { exact: new Set(), prefixes: [] };

/**
 * Leave detections out by id, e.g. to measure a new analyzer alone with the old detectors of its
 * class switched off (`sn-sqli-*`). Set once before measuring: results are cached per event.
 */
export function excludeDetections(patterns: string[]): void {
  excluded = {
    exact: new Set(patterns.filter((p) => !p.endsWith("*"))),
    prefixes: patterns.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1)),
  };
}

const isExcluded = (id: string) => excluded.exact.has(id) || excluded.prefixes.some((p) => id.startsWith(p));

/** The detections the engine makes on an event (payload detectors and Sigma); null when ingest would reject it. */
export function detectionsOf(
  event: Record<string, unknown>,
  sigma: SigmaRule[],
  paranoia: ParanoiaLevel,
  onDetectorError?: DetectorErrorSink,
): Detection[] | null {
  const parsed = ecsEventSchema.safeParse(expandDottedKeys(event));
  if (!parsed.success) return null;
  const { detections } = verdictOf(
    normalizeEvent(parsed.data),
    { paranoia, sigma, reputation: [], disabled: new Set(), suppressions: [] },
    onDetectorError,
  );
  return excluded.exact.size || excluded.prefixes.length ? detections.filter((d) => !isExcluded(d.id)) : detections;
}

/** The same event object measured again (the CRS tables read each case several times) is not scored again. */
const firedCache = new WeakMap<object, Map<string, Set<string> | null>>();
const sigmaIds = new WeakMap<SigmaRule[], number>();
let sigmaSets = 0;

export function categoriesFired(
  event: Record<string, unknown>,
  sigma: SigmaRule[],
  paranoia: ParanoiaLevel,
  onDetectorError?: DetectorErrorSink,
): Set<string> | null {
  if (!sigmaIds.has(sigma)) sigmaIds.set(sigma, sigmaSets++);
  const key = `${sigmaIds.get(sigma)}:${paranoia}`;
  const cached = firedCache.get(event) ?? new Map<string, Set<string> | null>();
  firedCache.set(event, cached);
  if (cached.has(key)) return cached.get(key)!;
  const detections = detectionsOf(event, sigma, paranoia, onDetectorError);
  const fired = detections && new Set(detections.map((d) => d.category));
  cached.set(key, fired);
  return fired;
}

/**
 * Attacks and negatives of each group; negatives count as false positives for their group's classes.
 * A detector that throws on a case goes to `errors`: the caller says so, as the rates alone would not.
 */
export function measure(
  cases: (Labelled & { negativeFor?: Category[] })[],
  sigma: SigmaRule[],
  paranoia: ParanoiaLevel,
  describe: (c: Labelled) => string = () => "",
  errors?: DetectorErrorTally,
): Row[] {
  const rows = new Map<string, Row>();
  for (const c of cases) {
    const row = rows.get(c.group) ?? emptyRow(c.group);
    rows.set(c.group, row);
    const fired = categoriesFired(c.event, sigma, paranoia, errors?.sink(describe(c) || c.group)) ?? new Set<string>();
    if (c.classes === "benign") {
      row.negatives += 1;
      const watched = c.negativeFor;
      if (watched ? watched.some((k) => fired.has(k)) : fired.size > 0) {
        row.falsePositives += 1;
        if (row.falseAlarms.length < MAX_MISSES) row.falseAlarms.push(describe(c));
      }
      if (fired.size > 0) row.anyOnNegatives += 1;
    } else {
      row.positives += 1;
      if (c.classes.some((k) => fired.has(k))) row.detected += 1;
      else if (row.misses.length < MAX_MISSES) row.misses.push(describe(c));
    }
  }
  return [...rows.values()];
}

export const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

export function table(rows: Row[], title: string): string {
  const total = rows.reduce(
    (t, r) => ({
      p: t.p + r.positives,
      d: t.d + r.detected,
      n: t.n + r.negatives,
      f: t.f + r.falsePositives,
      a: t.a + r.anyOnNegatives,
    }),
    { p: 0, d: 0, n: 0, f: 0, a: 0 },
  );
  return [
    `### ${title}`,
    "",
    "| Class | Attacks | Detected | TP rate | Negatives | False positives | FP rate | Any detection on negatives |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.group} | ${r.positives} | ${r.detected} | ${pct(r.detected, r.positives)} | ${r.negatives} | ${r.falsePositives} | ${pct(r.falsePositives, r.negatives)} | ${pct(r.anyOnNegatives, r.negatives)} |`,
    ),
    `| **all** | ${total.p} | ${total.d} | ${pct(total.d, total.p)} | ${total.n} | ${total.f} | ${pct(total.f, total.n)} | ${pct(total.a, total.n)} |`,
  ].join("\n");
}
