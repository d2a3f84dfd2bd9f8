// The log test (rules:read): scores the given events with the org's ruleset (same body forms as
// ingest) and answers each one's verdict, in order, with its parsed ECS fields. Nothing is stored.
import { route } from "@/lib/http/route.ts";
import { logTest } from "@/lib/pipeline/log-test.ts";
import { processPipelineDeps } from "@/lib/pipeline/pipeline-deps.ts";
import { readEventsBody } from "@/lib/pipeline/read-body.ts";

export const POST = route({ permission: "rules:read" }, async ({ request, principal }) => {
  const items = await readEventsBody(request);
  return Response.json({ results: await logTest(processPipelineDeps(), { orgId: principal.orgId, items }) });
});
