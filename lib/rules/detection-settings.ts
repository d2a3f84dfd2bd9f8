// The org's detection and response settings (paranoia level, inbound threshold, risk half-life
// and alert threshold, automatic blocking). Changes are audited with before/after.
import { z } from "zod";
import type { DetectionSettings, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";

export const detectionSettingsSchema = z
  .object({
    paranoiaLevel: z.number().int().min(1, "must be 1-4").max(4, "must be 1-4"),
    inboundThreshold: z.number().int().min(1, "must be 1-100").max(100, "must be 1-100"),
    riskHalfLifeMinutes: z.number().int().min(1, "must be 1-10080 minutes").max(10_080, "must be 1-10080 minutes"),
    riskAlertThreshold: z.number().int().min(1, "must be 1-100").max(100, "must be 1-100"),
    autoBlockEnabled: z.boolean(),
    autoBlockScore: z.number().int().min(1, "must be 1-100").max(100, "must be 1-100"),
    autoBlockMinutes: z.number().int().min(1, "must be 1-43200 minutes").max(43_200, "must be 1-43200 minutes"),
    blockedIpAction: z.enum(["reject", "record"], { error: "must be reject or record" }),
  })
  .partial()
  .strict();

export type DetectionSettingsInput = z.infer<typeof detectionSettingsSchema>;

export type Settings = Omit<DetectionSettings, "orgId" | "updatedAt">;

const snapshot = (row: DetectionSettings): Settings => ({
  paranoiaLevel: row.paranoiaLevel,
  inboundThreshold: row.inboundThreshold,
  riskHalfLifeMinutes: row.riskHalfLifeMinutes,
  riskAlertThreshold: row.riskAlertThreshold,
  autoBlockEnabled: row.autoBlockEnabled,
  autoBlockScore: row.autoBlockScore,
  autoBlockMinutes: row.autoBlockMinutes,
  blockedIpAction: row.blockedIpAction,
});

export async function detectionSettings(db: PrismaClient, orgId: string): Promise<Settings> {
  const row = await db.detectionSettings.findUnique({ where: { orgId } });
  if (row) return snapshot(row);
  // Two first requests can both find no row: ON CONFLICT DO NOTHING lets both go on (upsert raced).
  await db.detectionSettings.createMany({ data: [{ orgId }], skipDuplicates: true });
  return snapshot(await db.detectionSettings.findUniqueOrThrow({ where: { orgId } }));
}

export async function updateDetectionSettings(
  db: PrismaClient,
  input: DetectionSettingsInput,
  by: { orgId: string; actor: Actor; context?: RequestContext },
): Promise<Settings> {
  const before = await detectionSettings(db, by.orgId);
  const changes = Object.fromEntries(
    Object.entries(input)
      .filter(([key, value]) => before[key as keyof Settings] !== value)
      .map(([key, value]) => [key, { old: before[key as keyof Settings], new: value }]),
  );
  if (Object.keys(changes).length === 0) return before;
  const row = await withAudit(
    db,
    (tx) => tx.detectionSettings.update({ where: { orgId: by.orgId }, data: input }),
    () => ({
      orgId: by.orgId,
      action: "settings.updated",
      actor: by.actor,
      target: { type: "settings", id: "detection" },
      detail: { changes },
      context: by.context,
    }),
  );
  return snapshot(row);
}
