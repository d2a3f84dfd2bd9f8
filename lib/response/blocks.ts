// Blocking a source IP: automatically when an alert about it reaches the org's auto-block score,
// or by an admin. While a block lasts, sign-in and ingest from that address are recorded and,
// per the org's setting, refused ("reject") or served ("record"). Every block, lift and
// enforcement is audited (enforcement at most once a minute per address and place).
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { audit, SYSTEM_ACTOR, withAudit, type Actor, type RequestContext } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/http/errors.ts";
import { processShared } from "@/lib/runtime/process-runtime.ts";

export const BLOCK_CACHE_MS = 5_000;
const ENFORCEMENT_AUDIT_EVERY_MS = 60_000;

interface ActiveBlock {
  id: string;
  orgId: string;
  ip: string;
  expiresAt: Date;
  reason: string;
}

// Process-wide, so sign-in and ingest (route handlers: a second copy of this module under Next)
// and the server's own detection see one cache, and a block made by either clears it for both.
const state = processShared("blocks.cache", () => ({
  blocks: new Map<string, { at: number; value: Promise<Map<string, ActiveBlock>> }>(),
  audits: new Map<string, number>(),
}));

export async function activeBlocks(db: PrismaClient, orgId: string, now = new Date()) {
  return db.ipBlock.findMany({
    where: { orgId, liftedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

function blockedAddresses(db: PrismaClient, orgId: string): Promise<Map<string, ActiveBlock>> {
  const cache = state.blocks;
  const cached = cache.get(orgId);
  if (cached && Date.now() - cached.at < BLOCK_CACHE_MS) return cached.value;
  const value = activeBlocks(db, orgId).then((rows) => new Map(rows.map((r) => [r.ip, r])));
  cache.set(orgId, { at: Date.now(), value });
  value.catch(() => cache.delete(orgId));
  return value;
}

export async function blockFor(
  db: PrismaClient,
  orgId: string,
  ip: string | undefined | null,
  now = new Date(),
): Promise<ActiveBlock | null> {
  if (!ip) return null;
  const block = (await blockedAddresses(db, orgId)).get(ip);
  return block && block.expiresAt > now ? block : null;
}

/** Records (audited, rate-limited) that a blocked address came back; the caller answers per `action`. */
export async function recordEnforcement(
  db: PrismaClient,
  orgId: string,
  block: ActiveBlock,
  where: "sign-in" | "ingest",
  action: string,
  context: RequestContext,
) {
  const audits = state.audits;
  const key = `${orgId}:${block.ip}:${where}`;
  if (Date.now() - (audits.get(key) ?? 0) < ENFORCEMENT_AUDIT_EVERY_MS) return;
  audits.set(key, Date.now());
  await audit(db, {
    orgId,
    action: "ip.block_enforced",
    actor: { type: "anonymous", id: null, label: block.ip },
    target: { type: "ip", id: block.ip },
    outcome: action === "reject" ? "denied" : "success",
    detail: { where, action, blockId: block.id, until: block.expiresAt.toISOString() },
    context,
  });
}

export async function blockIp(
  db: PrismaClient,
  input: {
    orgId: string;
    ip: string;
    reason: string;
    minutes: number;
    alertId?: string;
    actor?: Actor;
    context?: RequestContext;
  },
  now = new Date(),
) {
  const active = { orgId: input.orgId, ip: input.ip, liftedAt: null, expiresAt: { gt: now } };
  const existing = await db.ipBlock.findFirst({ where: active });
  if (existing) return { block: existing, created: false };
  const actor = input.actor ?? SYSTEM_ACTOR;
  // Two instances' alerts (or an admin and an alert) can block one address at once: look again
  // under a lock on the address, so only one of them creates the block and its audit entry.
  const result = await withAudit(
    db,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`securenet:block:${input.orgId}:${input.ip}`}))`;
      const current = await tx.ipBlock.findFirst({ where: active });
      if (current) return { block: current, created: false };
      const block = await tx.ipBlock.create({
        data: {
          orgId: input.orgId,
          ip: input.ip,
          reason: input.reason,
          alertId: input.alertId,
          createdBy: actor.label ?? "system",
          expiresAt: new Date(now.getTime() + input.minutes * 60_000),
        },
      });
      return { block, created: true };
    },
    ({ block, created }) =>
      created
        ? {
            orgId: input.orgId,
            action: "ip.blocked",
            actor,
            target: { type: "ip", id: input.ip },
            detail: {
              reason: input.reason,
              alertId: input.alertId ?? null,
              minutes: input.minutes,
              until: block.expiresAt.toISOString(),
            },
            context: input.context,
          }
        : null,
  );
  if (result.created) state.blocks.delete(input.orgId);
  return result;
}

export async function liftBlock(
  db: PrismaClient,
  id: string,
  by: { orgId: string; actor: Actor; context?: RequestContext },
  now = new Date(),
) {
  const block = await db.ipBlock.findFirst({ where: { id, orgId: by.orgId } });
  if (!block) throw new AppError("not_found", "No block has that id.");
  if (block.liftedAt || block.expiresAt <= now) throw new AppError("conflict", "That block is no longer active.");
  await withAudit(
    db,
    (tx) => tx.ipBlock.update({ where: { id }, data: { liftedAt: now, liftedBy: by.actor.label } }),
    () => ({
      orgId: by.orgId,
      action: "ip.unblocked",
      actor: by.actor,
      target: { type: "ip", id: block.ip },
      detail: { blockId: id, reason: block.reason },
      context: by.context,
    }),
  );
  state.blocks.delete(by.orgId);
}
