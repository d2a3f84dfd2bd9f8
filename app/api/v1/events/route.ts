// Event ingest (events:write): a JSON array, {"events": [...]} or NDJSON; at most 5,000 events or
// 5 MB. Valid events are stored before the 202 even when others are rejected; event.id makes a
// replay harmless. Detection and alerts arrive with the detection engine.
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { ingestEvents } from "@/lib/ingest/ingest.ts";
import { readEventsBody } from "@/lib/ingest/read-body.ts";

export const POST = route({ permission: "events:write" }, async ({ request, principal }) => {
  const items = await readEventsBody(request);
  const result = await ingestEvents(prisma(), principal!.orgId, items, { apiKeyId: principal!.kind === "apikey" ? principal!.id : null });
  return Response.json({ accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, alerts: [] }, { status: 202 });
});
