// A scoring worker for tests whose detectors are slow on purpose: an event whose message holds
// SLOW-DETECTOR costs 50 ms of CPU, one holding STUCK-FOREVER never returns (as a catastrophic
// regex would not). Everything else is scored by the real detectors.
import "@/lib/security/frozen-intrinsics.ts";
import { serveScoring } from "../scoring-worker-job.ts";
import { firedDetections } from "@/lib/detection/verdict.ts";

const spin = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: the thread cannot take messages, just as inside a backtracking regex.
  }
};

serveScoring((event, ruleset, onDetectorError) => {
  if (event.message?.includes("STUCK-FOREVER")) spin(Number.POSITIVE_INFINITY);
  if (event.message?.includes("SLOW-DETECTOR")) spin(50);
  return firedDetections(event, ruleset, onDetectorError);
});
