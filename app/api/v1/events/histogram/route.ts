// Events per time bucket (events:read), from the rollups: ?since&until (default the last 24 h),
// &bucket=1m|5m|15m|30m|1h|4h|1d (default: the smallest giving at most 240 buckets), and filters
// on module, action, outcome, statusClass (1-5) or category alone. A filter the rollups cannot
// answer (sourceIp, user, host, status, q) is a 400 naming it.
import { route } from "@/lib/http/route.ts";
import { sqlEventStore } from "@/lib/pipeline/event-store.ts";
import { histogramQuery } from "@/lib/validation/event-histogram.ts";

export const GET = route({ permission: "events:read", query: histogramQuery }, async ({ principal, query, db }) =>
  sqlEventStore(db).histogram(principal.orgId, query),
);
