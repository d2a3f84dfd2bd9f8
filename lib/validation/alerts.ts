// The triage body of PATCH /api/v1/alerts/{id} and of bulk triage.
import { z } from "zod";
import { ALERT_DISPOSITIONS, ALERT_STATUSES } from "@/lib/vocabulary.ts";

export const triageSchema = z
  .object({
    status: z.enum(ALERT_STATUSES, { error: `must be one of ${ALERT_STATUSES.join(", ")}` }).optional(),
    assignee: z.string().trim().max(320, "at most 320 characters").nullable().optional(),
    comment: z.string().trim().min(1, "must not be empty").max(5_000, "at most 5000 characters").optional(),
    reason: z.string().trim().min(1, "must not be empty").max(1_000, "at most 1000 characters").optional(),
    ackExpiresAt: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .transform((v) => new Date(v))
      .nullable()
      .optional(),
    disposition: z.enum(ALERT_DISPOSITIONS, { error: `must be one of ${ALERT_DISPOSITIONS.join(", ")}` }).optional(),
    suppress: z
      .object({
        minutes: z.number().int("must be a whole number").min(1, "must be 1-525600").max(525_600, "must be 1-525600"),
        scope: z.enum(["entity", "everywhere"], { error: "must be entity or everywhere" }).default("entity"),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "give status, assignee, comment or suppress",
  });

export type TriageInput = z.infer<typeof triageSchema>;
