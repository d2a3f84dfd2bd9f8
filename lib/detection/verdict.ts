// One event's verdict: every detection that fires on it (payload detectors, Sigma rules,
// reputation lists), its CRS anomaly points and the resulting 0-100 score. Pure: the same event
// and ruleset always give the same verdict, whatever the order of the event's fields.
import type { EventFields, NormalizedEvent } from "@/lib/detection/event.ts";
import { detectPayloads } from "./payloads/index.ts";
import { entitiesOf } from "./candidates.ts";
import { reputationDetections, type ReputationList } from "./reputation.ts";
import { severityOf, type Severity } from "./severity.ts";
import { sigmaDetections, type SigmaRule } from "./sigma-engine/index.ts";
import { suppressionFor, type ActiveSuppression } from "./suppression.ts";
import type { Detection, DetectorErrorSink } from "./types.ts";

export type ParanoiaLevel = 1 | 2 | 3 | 4;

export interface Ruleset {
  paranoia: ParanoiaLevel;
  sigma: SigmaRule[];
  reputation: ReputationList[];
  /** Rule and detector ids an admin switched off. */
  disabled: ReadonlySet<string>;
  /** Analysts' "suppress similar" decisions in force. */
  suppressions: readonly ActiveSuppression[];
}

export interface Verdict {
  /** Sum of the detections' CRS points (the CRS "anomaly score"). */
  points: number;
  score: number;
  severity: Severity;
  detections: Detection[];
  /** Detections an active suppression silenced, with the suppression's id. */
  suppressed: { detection: Detection; suppressionId: string }[];
}

/**
 * 0-100 from CRS anomaly points: every 5 points (the CRS inbound threshold, one critical
 * detection) halve the distance to 100. 5 -> 50 (medium), 10 -> 75 (high), 17 -> 91 (critical),
 * so severities stay apart instead of every multi-rule hit reading 100.
 */
export function scoreOfPoints(points: number): number {
  if (!(points > 0)) return 0;
  return Math.min(100, Math.round(100 * (1 - 0.5 ** (points / 5))));
}

const byStrength = (a: Detection, b: Detection) =>
  b.points - a.points || a.id.localeCompare(b.id) || a.field.localeCompare(b.field);

/**
 * Everything that fires on the event, before admins' overrides and suppressions: the costly part,
 * which a worker thread may do (lib/pipeline/scoring-pool.ts). A detector or rule that throws does
 * not fire and is reported to `onDetectorError` (callers count it: lib/metrics/detector-errors.ts).
 */
export function firedDetections(
  event: NormalizedEvent,
  ruleset: Pick<Ruleset, "paranoia" | "sigma" | "reputation">,
  onDetectorError?: DetectorErrorSink,
): Detection[] {
  return [
    ...detectPayloads(event, { paranoia: ruleset.paranoia, onDetectorError }),
    ...sigmaDetections(ruleset.sigma, event, onDetectorError),
    ...reputationDetections(ruleset.reputation, event),
  ];
}

export function verdictOf(event: NormalizedEvent, ruleset: Ruleset, onDetectorError?: DetectorErrorSink): Verdict {
  return verdictFromFired(firedDetections(event, ruleset, onDetectorError), event, ruleset);
}

export function verdictFromFired(detected: Detection[], event: EventFields, ruleset: Ruleset): Verdict {
  const fired = detected.filter((d) => !ruleset.disabled.has(d.id));
  const suppressed: Verdict["suppressed"] = [];
  const entities = ruleset.suppressions.length ? entitiesOf(event) : [];
  const all = fired.filter((d) => {
    const by = ruleset.suppressions.length ? suppressionFor(ruleset.suppressions, d.id, entities) : null;
    if (by) suppressed.push({ detection: d, suppressionId: by.id });
    return !by;
  });
  // One detector firing on several fields counts once (its strongest), as CRS counts a rule once.
  const strongest = new Map<string, Detection>();
  for (const detection of all.sort(byStrength))
    if (!strongest.has(detection.id)) strongest.set(detection.id, detection);
  const detections = [...strongest.values()];
  const points = detections.reduce((sum, d) => sum + d.points, 0);
  const score = scoreOfPoints(points);
  return { points, score, severity: severityOf(score), detections, suppressed };
}
