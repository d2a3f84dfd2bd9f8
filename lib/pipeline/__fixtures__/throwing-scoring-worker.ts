// A scoring worker for tests with one broken Sigma rule added to the real ones: it throws on every
// event whose message holds BREAK-RULE. Everything else is scored by the real detectors and rules.
import type { SigmaRule } from "@/lib/detection/sigma-engine/index.ts";
import { firedDetections } from "@/lib/detection/verdict.ts";
import { serveScoring } from "../scoring-worker-job.ts";

const BROKEN_RULE_ID = "test-broken-rule-in-worker";

serveScoring((event, ruleset, onDetectorError) => {
  const broken: SigmaRule = {
    ...ruleset.sigma[0]!,
    id: BROKEN_RULE_ID,
    match: (e) => {
      if (e.message?.includes("BREAK-RULE")) throw new Error("broken rule");
      return null;
    },
  };
  return firedDetections(event, { ...ruleset, sigma: [broken, ...ruleset.sigma] }, onDetectorError);
});
