// The blocked-source policy, for every way in (ingest, sign-in): a request from an address under
// an active block (lib/response/blocks.ts) is recorded (audited, rate-limited) and, per the org's
// setting, refused ("reject") or served ("record").
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RequestContext } from "@/lib/audit/record.ts";
import { blockFor, recordEnforcement } from "@/lib/response/blocks.ts";
import { detectionSettings } from "@/lib/rules/detection-settings.ts";

/** The block to refuse the request for, or null when it may go on (not blocked, or only recorded). */
export async function refusingBlock(
  db: PrismaClient,
  orgId: string,
  where: "sign-in" | "ingest",
  context: RequestContext,
  now = new Date(),
) {
  const block = await blockFor(db, orgId, context.sourceIp, now);
  if (!block) return null;
  const { blockedIpAction } = await detectionSettings(db, block.orgId);
  await recordEnforcement(db, block.orgId, block, where, blockedIpAction, context);
  return blockedIpAction === "reject" ? block : null;
}
