// Automatic blocks: an alert about an address that reached the org's auto-block score blocks it.
// Blocking is audited through Prisma (lib/response/blocks.ts), so it cannot share the raw
// detection transaction; instead the transaction leaves the blocks to apply on the batch's
// backlog row, and they are applied after the commit. Blocking an address already blocked does
// nothing, so applying them again (a retry, the sweeper) after a failure is harmless.
import type { Settings } from "@/lib/rules/detection-settings.ts";
import { blockIp } from "@/lib/response/blocks.ts";
import { dropBacklog } from "./detection-backlog.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { RaisedAlert } from "./raise-alerts.ts";

export interface PendingBlock {
  ip: string;
  reason: string;
  minutes: number;
  alertId: string;
}

/** One block an address (its first alert's), as blocking it again would do nothing. */
export function autoBlocksFor(alerts: RaisedAlert[], settings: Settings): PendingBlock[] {
  if (!settings.autoBlockEnabled) return [];
  const first = new Map<string, RaisedAlert>();
  for (const alert of alerts)
    if (alert.entity.type === "ip" && alert.score >= settings.autoBlockScore && !first.has(alert.entity.value))
      first.set(alert.entity.value, alert);
  return [...first.values()].map((alert) => ({
    ip: alert.entity.value,
    reason: `alert ${alert.id} reached score ${alert.score} (auto-block at ${settings.autoBlockScore})`,
    minutes: settings.autoBlockMinutes,
    alertId: alert.id,
  }));
}

/** Applies them, then lets the batch's backlog row go: it stays (for a retry) when one fails. */
export async function applyPendingBlocks(
  deps: PipelineDeps,
  orgId: string,
  backlogId: string | null,
  blocks: PendingBlock[],
  now = new Date(),
) {
  for (const block of blocks) await blockIp(deps.db, { orgId, ...block }, now);
  if (backlogId) await dropBacklog(deps.db, backlogId, false);
}
