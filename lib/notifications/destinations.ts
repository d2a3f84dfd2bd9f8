// Webhook destinations for alerts (Slack-compatible JSON). The URL carries the webhook's secret
// (in its path, query or user:password), so it is sealed at rest (AES-256-GCM bound to the
// destination) and shown, answered and audited only as a hint: scheme and host. A URL whose host
// is an internal address (or localhost) is refused unless an admin allowed it; host names are
// judged again, after resolution, on every delivery.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { NotificationDestination, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { openSecret, sealSecret } from "@/lib/crypto/seal.ts";
import { env } from "@/lib/env.ts";
import { AppError } from "@/lib/http/errors.ts";
import { SEVERITIES } from "@/lib/vocabulary.ts";
import { urlHostProblem } from "./address-policy.ts";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2_000, "at most 2000 characters");

export const destinationSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters"),
    url,
    minSeverity: z.enum(SEVERITIES, { error: "must be low, medium, high or critical" }),
    enabled: z.boolean().default(true),
  })
  .strict();

export const destinationPatchSchema = destinationSchema.partial().strict();

interface By {
  orgId: string;
  actor: Actor;
  context?: RequestContext;
}

const key = () => deriveKey(env().SECURENET_ENCRYPTION_KEY, "secrets-at-rest");
const aad = (id: string) => `notification-destination:${id}`;
const hint = (value: string) => {
  const parsed = new URL(value);
  return `${parsed.protocol}//${parsed.host}/…`;
};

function assertAllowedUrl(value: string) {
  const problem = urlHostProblem(new URL(value), env().SECURENET_WEBHOOK_ALLOWED_HOSTS);
  if (problem)
    throw new AppError("unprocessable", "This webhook URL is not allowed.", [{ path: "url", message: problem }]);
}

export function destinationView(d: NotificationDestination) {
  return {
    id: d.id,
    name: d.name,
    urlHint: d.urlHint,
    minSeverity: d.minSeverity,
    enabled: d.enabled,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function destinationUrl(d: NotificationDestination): string {
  return openSecret(d.urlSealed, key(), aad(d.id));
}

export async function listDestinations(db: PrismaClient, orgId: string) {
  return (await db.notificationDestination.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } })).map(
    destinationView,
  );
}

export async function createDestination(db: PrismaClient, input: z.infer<typeof destinationSchema>, by: By) {
  assertAllowedUrl(input.url);
  const id = randomUUID();
  const row = await withAudit(
    db,
    (tx) =>
      tx.notificationDestination.create({
        data: {
          id,
          orgId: by.orgId,
          name: input.name,
          urlSealed: sealSecret(input.url, key(), aad(id)),
          urlHint: hint(input.url),
          minSeverity: input.minSeverity,
          enabled: input.enabled,
          createdBy: by.actor.label ?? "unknown",
        },
      }),
    (d) => ({
      orgId: by.orgId,
      action: "notification.destination_created",
      actor: by.actor,
      target: { type: "notification_destination", id: d.id, label: d.name },
      detail: { urlHint: d.urlHint, minSeverity: d.minSeverity },
      context: by.context,
    }),
  );
  return destinationView(row);
}

export async function updateDestination(
  db: PrismaClient,
  id: string,
  patch: z.infer<typeof destinationPatchSchema>,
  by: By,
) {
  const before = await db.notificationDestination.findFirst({ where: { id, orgId: by.orgId } });
  if (!before) throw new AppError("not_found", "No such destination.");
  if (patch.url) assertAllowedUrl(patch.url);
  const data = {
    name: patch.name,
    minSeverity: patch.minSeverity,
    enabled: patch.enabled,
    ...(patch.url ? { urlSealed: sealSecret(patch.url, key(), aad(id)), urlHint: hint(patch.url) } : {}),
  };
  const row = await withAudit(
    db,
    (tx) => tx.notificationDestination.update({ where: { id }, data }),
    (after) => ({
      orgId: by.orgId,
      action: "notification.destination_updated",
      actor: by.actor,
      target: { type: "notification_destination", id, label: after.name },
      detail: {
        changes: Object.fromEntries(
          (["name", "minSeverity", "enabled", "urlHint"] as const)
            .filter((k) => before[k] !== after[k])
            .map((k) => [k, { old: before[k], new: after[k] }]),
        ),
      },
      context: by.context,
    }),
  );
  return destinationView(row);
}

export async function deleteDestination(db: PrismaClient, id: string, by: By) {
  const before = await db.notificationDestination.findFirst({ where: { id, orgId: by.orgId } });
  if (!before) throw new AppError("not_found", "No such destination.");
  await withAudit(
    db,
    async (tx) => {
      await tx.notificationDelivery.deleteMany({ where: { destinationId: id, status: "pending" } });
      return tx.notificationDestination.delete({ where: { id } });
    },
    () => ({
      orgId: by.orgId,
      action: "notification.destination_deleted",
      actor: by.actor,
      target: { type: "notification_destination", id, label: before.name },
      detail: { urlHint: before.urlHint },
      context: by.context,
    }),
  );
}
