// The "log test" behind POST /api/v1/score: the engine's verdict for each given event, in order,
// with nothing stored and no alert raised. Threshold rules run over the submitted batch alone
// (a fresh window), so twenty failed logins pasted together show the brute force where it fires.
import type { Detection } from "@/lib/detection/types.ts";
import type { IncompleteScoring } from "@/lib/detection/scoring-budget.ts";
import { severityOf, type Severity } from "@/lib/detection/severity.ts";
import { evaluateThresholds } from "@/lib/detection/threshold-rules.ts";
import { scoreOfPoints, verdictFromFired } from "@/lib/detection/verdict.ts";
import { MemoryWindowStore } from "@/lib/detection/window-store.ts";
import type { FieldError } from "@/lib/http/errors.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { RawItem } from "./read-body.ts";
import { scoreEvents } from "./score-events.ts";
import { validateEvent } from "./validate-events.ts";

export type LogTestResult =
  | {
      index: number;
      score: number;
      severity: Severity;
      points: number;
      detections: Detection[];
      event: Record<string, unknown>;
      incomplete?: IncompleteScoring;
    }
  | { index: number; errors: FieldError[] };

/**
 * The pipeline's validate and score steps without the store: scored in a worker when the server
 * has a pool, whatever the batch's size (a pasted event the detectors get stuck on then holds a
 * worker, which the watchdog replaces, not the request thread), else inline; within the batch's
 * time budget either way.
 */
export async function logTest(
  deps: PipelineDeps,
  { orgId, items, now = new Date() }: { orgId: string; items: RawItem[]; now?: Date },
): Promise<LogTestResult[]> {
  const { ruleset, thresholdRules, custom } = await orgRuleset(deps.db, orgId);
  const validated = items.map((item) => validateEvent(item, now));
  const events = validated.flatMap((v) => ("event" in v && Object.hasOwn(v, "event") ? [v.event] : []));
  const hits = await evaluateThresholds(events, new MemoryWindowStore(), "log-test", thresholdRules);
  const thresholdDetections = new Map<string, Detection[]>();
  for (const hit of hits) {
    const list = thresholdDetections.get(hit.event.eventId) ?? [];
    list.push({
      id: hit.rule.id,
      category: hit.rule.category,
      title: hit.rule.title,
      points: hit.rule.points,
      technique: hit.rule.technique,
      field: hit.rule.entity === "ip" ? "source.ip" : hit.rule.entity === "user" ? "user.name" : "host.name",
      reason: `${hit.count} matching events for ${hit.entity.value} within ${hit.rule.windowMs / 1000} s (threshold ${hit.rule.threshold})`,
    });
    thresholdDetections.set(hit.event.eventId, list);
  }
  // Within the batch's time budget, as ingest: past it (or when the watchdog stopped the worker
  // scoring it) an event is answered unscored, and says so.
  const { fired, unscored, reason } = await scoreEvents(deps, events, ruleset, custom, { isolate: true });
  const left = new Set(unscored.map((i) => events[i]!));
  let at = 0;
  return validated.map((v, index) => {
    if (!("event" in v && Object.hasOwn(v, "event"))) return { index, errors: (v as { errors: FieldError[] }).errors };
    const verdict = verdictFromFired(fired[at++]!, v.event, ruleset);
    const detections = [...verdict.detections, ...(thresholdDetections.get(v.event.eventId) ?? [])];
    const points = detections.reduce((sum, d) => sum + d.points, 0);
    const score = scoreOfPoints(points);
    return {
      index,
      score,
      severity: severityOf(score),
      points,
      detections,
      event: v.event.doc,
      ...(left.has(v.event) ? { incomplete: reason } : {}),
    };
  });
}
