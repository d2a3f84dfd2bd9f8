// The log test (rules:read): scores the given events with the org's ruleset (same body forms as
// ingest) and answers each one's verdict, in order, with its parsed ECS fields. Nothing is stored.
import { prisma } from "@/lib/db/index.ts";
import { firedOn } from "@/lib/pipeline/run-detection.ts";
import { logTest } from "@/lib/pipeline/log-test.ts";
import { route } from "@/lib/http/route.ts";
import { readEventsBody } from "@/lib/pipeline/read-body.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";

// Scored in the verdict pool whatever the batch's size when the server has one: a pasted event
// the detectors get stuck on then holds a worker, which the watchdog replaces, not this thread.
export const POST = route({ permission: "rules:read" }, async ({ request, principal }) => {
  const items = await readEventsBody(request);
  const { ruleset, thresholdRules, custom } = await orgRuleset(prisma(), principal!.orgId);
  return Response.json({
    results: await logTest(items, ruleset, thresholdRules, new Date(), (events) => firedOn(events, ruleset, custom, 1)),
  });
});
