// The Sigma engine: rules in the open Sigma format (https://sigmahq.io) loaded from YAML and
// matched against our events, each match a detection on the CRS point scale by the rule's level.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import type { Detection, DetectorErrorSink } from "../types.ts";
import type { SigmaRule } from "./parse.ts";

export { loadSigmaDirectory } from "./load.ts";
export { parseSigmaRule, type SigmaLoadError, type SigmaRule } from "./parse.ts";

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/** A rule that throws is reported to `onDetectorError` by its id, and the other rules still run. */
export function sigmaDetections(
  rules: readonly SigmaRule[],
  event: NormalizedEvent,
  onDetectorError?: DetectorErrorSink,
): Detection[] {
  const detections: Detection[] = [];
  for (const rule of rules) {
    let evidence;
    try {
      evidence = rule.match(event);
    } catch (error) {
      onDetectorError?.({ detector: rule.id, error });
      continue;
    }
    if (!evidence) continue;
    detections.push({
      id: rule.id,
      category: rule.category,
      title: rule.title,
      points: rule.points,
      technique: rule.techniques[0],
      field: evidence.field,
      reason: evidence.value
        ? `Sigma rule "${rule.title}" matched ${evidence.field}: "${shorten(evidence.value)}"`
        : `Sigma rule "${rule.title}" matched`,
    });
  }
  return detections;
}
