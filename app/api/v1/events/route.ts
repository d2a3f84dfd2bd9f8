// Event ingest (events:write): a JSON array, {"events": [...]} or NDJSON; at most 5,000 events or
// 5 MB. Valid events are stored before the 202 even when others are rejected; event.id makes a
// replay harmless. Newly stored events go through detection; the alerts they raised or updated
// are in the answer; when detection fails after storage the answer is 503 with Retry-After, and the
// retry redoes it. A sender whose address is blocked is recorded and, per the org's setting,
// refused. GET (events:read) searches stored events by field, free text and time range, cursor-paged
// on (timestamp, event id); free text (q) covers the last 24 h unless since/until say otherwise, at
// most 31 days (422 on since beyond), and the answer's `range` says what was searched.
import { z } from "zod";
import { AppError } from "@/lib/http/errors.ts";
import { route } from "@/lib/http/route.ts";
import { sqlEventStore } from "@/lib/pipeline/event-store.ts";
import { metrics } from "@/lib/metrics/registry.ts";
import { refusingBlock } from "@/lib/pipeline/blocked-source.ts";
import { detectionPending, ingestBatch } from "@/lib/pipeline/ingest-batch.ts";
import { processPipelineDeps } from "@/lib/pipeline/pipeline-deps.ts";
import { readEventsText } from "@/lib/pipeline/read-body.ts";

export const POST = route({ permission: "events:write" }, async ({ request, principal, context, db }) => {
  const orgId = principal.orgId;
  const block = await refusingBlock(db, orgId, "ingest", context);
  if (block)
    throw new AppError("forbidden", `Requests from ${block.ip} are blocked until ${block.expiresAt.toISOString()}.`);
  const body = { text: await readEventsText(request), contentType: request.headers.get("content-type") ?? "" };
  const timer = metrics().ingestSeconds.startTimer();
  const { alerts, detection, ...result } = await ingestBatch(processPipelineDeps(), {
    orgId,
    body,
    source: { apiKeyId: principal.kind === "apikey" ? principal.id : null },
  });
  timer();
  const m = metrics();
  m.eventsAccepted.inc(result.accepted);
  m.eventsDuplicate.inc(result.duplicates);
  m.eventsRejected.inc(result.rejected.length);
  for (const alert of alerts) m.alertsRaised.inc({ change: alert.created ? "created" : "updated" });
  if (detection === "pending") throw detectionPending(result.accepted);
  return Response.json(
    {
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: result.rejected,
      alerts: alerts.map(({ id, severity, score, rules }) => ({ id, severity, score, rules })),
    },
    { status: 202 },
  );
});

const blank = (v: unknown) => (v === "" ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().max(max, `at most ${max} characters`).optional());
const time = z.preprocess(
  blank,
  z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
    .transform((v) => new Date(v))
    .optional(),
);
const query = z.object({
  since: time,
  until: time,
  sourceIp: text(64),
  user: text(256),
  host: text(256),
  module: text(64),
  action: text(256),
  outcome: z.preprocess(
    blank,
    z.enum(["success", "failure", "unknown"], { error: "must be success, failure or unknown" }).optional(),
  ),
  status: z.preprocess(
    blank,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(100, "must be 100-599")
      .max(599, "must be 100-599")
      .optional(),
  ),
  // Free text is matched by trigrams: a shorter text could use no index and would read every row
  // of its range.
  q: z.preprocess(blank, z.string().min(3, "at least 3 characters").max(200, "at most 200 characters").optional()),
  cursor: text(200),
  limit: z.preprocess(
    blank,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be 1-500")
      .max(500, "must be 1-500")
      .default(50),
  ),
});

export const GET = route({ permission: "events:read", query }, async ({ principal, query, db }) =>
  sqlEventStore(db).search(principal.orgId, query),
);
