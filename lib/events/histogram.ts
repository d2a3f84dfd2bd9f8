import "server-only";
// The events page's histogram: events per bucket over a time range, from the rollups, so it costs
// the same over an hour or a year of events. Whole buckets: the first from its start, the minute
// holding `until` whole (lib/stats/event-rollups.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";
import { bucketAxis, countEvents } from "@/lib/stats/event-rollups.ts";
import {
  DEFAULT_POINTS,
  HISTOGRAM_BUCKETS,
  MAX_BUCKETS,
  type HistogramQuery,
} from "@/lib/validation/event-histogram.ts";

const DEFAULT_RANGE_MS = 86_400_000;

export async function eventHistogram(db: PrismaClient, orgId: string, query: HistogramQuery, now = new Date()) {
  const until = query.until ?? now;
  const since = query.since ?? new Date(until.getTime() - DEFAULT_RANGE_MS);
  const span = until.getTime() - since.getTime();
  const bucketMs = query.bucket
    ? HISTOGRAM_BUCKETS[query.bucket]
    : (Object.values(HISTOGRAM_BUCKETS).find((ms) => span / ms <= DEFAULT_POINTS) ?? HISTOGRAM_BUCKETS["1d"]);
  const range = { since, until, bucketMs };
  const axis = bucketAxis(range);
  if (axis.length > MAX_BUCKETS)
    throw new AppError("bad_request", `At most ${MAX_BUCKETS} buckets: use a larger bucket or a shorter range.`, [
      { path: "bucket", message: `gives ${axis.length} buckets, more than ${MAX_BUCKETS}` },
    ]);
  const { module, action, outcome, statusClass, category } = query;
  const counts = await countEvents(db, orgId, range, { module, action, outcome, statusClass, category });
  const buckets = axis.map((at) => ({ at: new Date(at).toISOString(), count: counts.get(at) ?? 0 }));
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    bucketSeconds: bucketMs / 1000,
    total: buckets.reduce((n, b) => n + b.count, 0),
    buckets,
  };
}
