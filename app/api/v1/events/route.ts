// Event ingest (events:write): a JSON array, {"events": [...]} or NDJSON; at most 5,000 events or
// 5 MB. Valid events are stored before the 202 even when others are rejected; event.id makes a
// replay harmless. Newly stored events go through detection; the alerts they raised or updated
// are in the answer.
import { prisma } from "@/lib/db/index.ts";
import { route } from "@/lib/http/route.ts";
import { ingestEvents } from "@/lib/ingest/ingest.ts";
import { readEventsBody } from "@/lib/ingest/read-body.ts";
import { detect } from "@/lib/detection/engine.ts";

export const POST = route({ permission: "events:write" }, async ({ request, principal }) => {
  const items = await readEventsBody(request);
  const result = await ingestEvents(prisma(), principal!.orgId, items, { apiKeyId: principal!.kind === "apikey" ? principal!.id : null });
  const alerts = await detect(prisma(), principal!.orgId, result.stored);
  return Response.json({ accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, alerts }, { status: 202 });
});
