// Query strings of the audit log list and export, parsed into filters. Blank values mean "no
// filter", so a form can submit every field; anything else that is malformed is a 400 naming the field.
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, isAuditAction } from "@/lib/audit/actions.ts";
import { decodeAuditCursor } from "@/lib/audit/cursor.ts";

/** Namespaces an action filter can select with a trailing `.*`: every dotted prefix in the catalogue. */
export const AUDIT_ACTION_NAMESPACES: readonly string[] = [
  ...new Set(
    AUDIT_ACTIONS.flatMap((action) => {
      const parts = action.split(".");
      return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("."));
    }),
  ),
];

export const AUDIT_EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const MAX_ACTIONS = 50;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "must be an ISO 8601 date or date-time with a time zone, e.g. 2026-01-31T09:00:00Z",
  })
  .transform((value) => new Date(value));

/** `auth.login.failed,apikey.*`: catalogue actions and namespace prefixes, deduplicated. */
const actionList = z
  .string()
  .max(2_000, "is too long")
  .transform((value, ctx) => {
    const tokens = [
      ...new Set(
        value
          .split(",")
          .map((token) => token.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = tokens.filter(
      (token) =>
        !isAuditAction(token) && !(token.endsWith(".*") && AUDIT_ACTION_NAMESPACES.includes(token.slice(0, -2))),
    );
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown action ${unknown.map((t) => `"${t}"`).join(", ")}: use actions from the catalogue or a prefix such as "auth.*"`,
      });
      return z.NEVER;
    }
    if (tokens.length > MAX_ACTIONS) {
      ctx.addIssue({ code: "custom", message: `at most ${MAX_ACTIONS} actions` });
      return z.NEVER;
    }
    return tokens;
  });

const cursor = z
  .string()
  .max(64, "is not a valid cursor")
  .transform((value, ctx) => {
    const seq = decodeAuditCursor(value);
    if (seq === null) {
      ctx.addIssue({ code: "custom", message: "is not a valid cursor (use nextCursor from the previous page)" });
      return z.NEVER;
    }
    return seq;
  });

const filterFields = {
  /** actorId exactly, or part of the actor label (case-insensitive). */
  actor: optional(text(320)),
  action: optional(actionList),
  /** targetId exactly, or part of the target label (case-insensitive). */
  target: optional(text(320)),
  targetType: optional(text(100)),
  outcome: optional(z.enum(AUDIT_OUTCOMES)),
  /** Inclusive bounds on the entry time. */
  since: optional(instant),
  until: optional(instant),
  /** Free text over action, actor, target, source IP and detail. */
  q: optional(text(200)),
};

function timeRangeInOrder(filters: { since?: Date; until?: Date }, ctx: z.RefinementCtx) {
  if (filters.since && filters.until && filters.since > filters.until) {
    ctx.addIssue({ code: "custom", path: ["until"], message: "must not be before since" });
  }
}

export const auditFilters = z.object(filterFields).superRefine(timeRangeInOrder);

export const auditListQuery = z
  .object({
    ...filterFields,
    cursor: optional(cursor),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a whole number from 1 to 200" })
        .int("must be a whole number from 1 to 200")
        .min(1, "must be a whole number from 1 to 200")
        .max(200, "must be a whole number from 1 to 200")
        .default(50),
    ),
  })
  .superRefine(timeRangeInOrder);

export const auditExportQuery = z
  .object({ ...filterFields, format: z.preprocess(blankToUndefined, z.enum(AUDIT_EXPORT_FORMATS).default("csv")) })
  .superRefine(timeRangeInOrder);

export type AuditFilters = z.infer<typeof auditFilters>;
export type AuditListQuery = z.infer<typeof auditListQuery>;
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

/** The filters as plain JSON (dates as ISO strings), for audit details and logs. */
export function describeAuditFilters(filters: AuditFilters): Record<string, string | string[]> {
  const described: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    described[key] = value instanceof Date ? value.toISOString() : (value as string | string[]);
  }
  return described;
}
