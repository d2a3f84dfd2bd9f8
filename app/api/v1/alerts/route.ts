// Alerts of my org (alerts:read), newest activity first, filtered and cursor-paged; `changedSince`
// lists what was created or changed since a moment (the live feed's catch-up after a long gap).
import { z } from "zod";
import { route } from "@/lib/http/route.ts";
import { ALERT_SORTS, listAlerts } from "@/lib/alerts/query.ts";
import { ALERT_STATUSES, SEVERITIES } from "@/lib/vocabulary.ts";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const query = z.object({
  status: z.preprocess(
    (v) => (typeof v === "string" && v !== "" ? v.split(",") : undefined),
    z.array(z.enum(ALERT_STATUSES, { error: `must be among ${ALERT_STATUSES.join(", ")}` })).optional(),
  ),
  severity: z.preprocess(
    blankToUndefined,
    z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` }).optional(),
  ),
  since: z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .transform((v) => new Date(v))
      .optional(),
  ),
  until: z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .transform((v) => new Date(v))
      .optional(),
  ),
  changedSince: z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .transform((v) => new Date(v))
      .optional(),
  ),
  rule: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  entity: z.preprocess(blankToUndefined, z.string().max(320).optional()),
  assignee: z.preprocess(blankToUndefined, z.string().max(320).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  sort: z.preprocess(
    blankToUndefined,
    z.enum(ALERT_SORTS, { error: `must be one of ${ALERT_SORTS.join(", ")}` }).optional(),
  ),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be 1-500")
      .max(500, "must be 1-500")
      .default(50),
  ),
});

export const GET = route({ permission: "alerts:read", query }, async ({ principal, query, db }) =>
  listAlerts(db, principal.orgId, query),
);
