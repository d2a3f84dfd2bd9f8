// The query of GET /api/v1/events/histogram. It filters on what the rollups count by (module,
// action, outcome, HTTP status class, category); a filter they cannot answer (a source IP, a user,
// a host, an exact status, free text) is refused naming the field, rather than counted from raw
// events at a cost that grows with history.
import { z } from "zod";
import {
  ROLLUP_ACTIONS,
  ROLLUP_CATEGORIES,
  ROLLUP_MODULES,
  ROLLUP_OUTCOMES,
  STATUS_CLASSES,
} from "@/lib/stats/rollup-vocabulary.ts";

export const HISTOGRAM_BUCKETS = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
  "1d": 86_400_000,
} as const;
export type HistogramBucket = keyof typeof HISTOGRAM_BUCKETS;

/** At most this many buckets per answer; without `bucket`, the smallest giving at most DEFAULT_POINTS. */
export const MAX_BUCKETS = 1_500;
export const DEFAULT_POINTS = 240;

const blank = (v: unknown) => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  optional(z.enum(values, { error: `the histogram counts ${what} only by these values: ${values.join(", ")}` }));
const time = optional(
  z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).transform((v) => new Date(v)),
);
const unanswerable = optional(
  z.undefined({
    error: "the histogram cannot filter by this field: it counts by module, action, outcome, statusClass and category",
  }),
);

export const histogramQuery = z
  .object({
    since: time,
    until: time,
    bucket: oneOf(Object.keys(HISTOGRAM_BUCKETS) as [HistogramBucket, ...HistogramBucket[]], "buckets"),
    module: oneOf(ROLLUP_MODULES, "module"),
    action: oneOf(ROLLUP_ACTIONS, "action"),
    outcome: oneOf(ROLLUP_OUTCOMES, "outcome"),
    statusClass: optional(
      z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .refine((v) => (STATUS_CLASSES as readonly number[]).includes(v), "must be 1-5 (1xx to 5xx)"),
    ),
    category: oneOf(ROLLUP_CATEGORIES, "category"),
    sourceIp: unanswerable,
    user: unanswerable,
    host: unanswerable,
    status: unanswerable,
    q: unanswerable,
  })
  .superRefine((f, ctx) => {
    if (f.since && f.until && f.since >= f.until)
      ctx.addIssue({ code: "custom", path: ["until"], message: "must be after since" });
    if (f.category && (f.module || f.action || f.outcome || f.statusClass))
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: "the histogram counts by category alone: not with module, action, outcome or statusClass",
      });
  });

export type HistogramQuery = z.infer<typeof histogramQuery>;
