// Appending to the audit chain. Each append locks the org's chain head row, so sequence numbers
// have no gaps and hashes chain in order even with concurrent writers on several instances.
// Call recordAudit inside the same transaction as the change it describes: if the entry cannot
// be written, the change is rolled back (fail closed).
import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { ActorType, AuditAction, AuditOutcome } from "./actions.ts";
import { entryHash, GENESIS_HASH } from "./canonical.ts";
import { redactSecrets } from "./redact.ts";

export type Tx = Prisma.TransactionClient;

export interface Actor {
  type: ActorType;
  id?: string | null;
  label?: string | null;
}

export interface RequestContext {
  sourceIp?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export interface AuditInput {
  orgId: string;
  action: AuditAction;
  outcome?: AuditOutcome;
  actor: Actor;
  target?: { type: string; id?: string | null; label?: string | null };
  detail?: Record<string, unknown>;
  context?: RequestContext;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "system" };

/** Generous limits: appends queue on the chain head lock under bursts of concurrent writers. */
export const AUDITED_TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

const clip = (value: string | null | undefined, max: number) => (value == null ? null : value.slice(0, max));

export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.$executeRaw`INSERT INTO "AuditChainHead" ("orgId", "lastSeq", "lastHash") VALUES (${input.orgId}::uuid, 0, ${GENESIS_HASH}) ON CONFLICT DO NOTHING`;
  const [head] = await tx.$queryRaw<{ lastSeq: bigint; lastHash: string }[]>`
    SELECT "lastSeq", "lastHash" FROM "AuditChainHead" WHERE "orgId" = ${input.orgId}::uuid FOR UPDATE`;
  const fields = {
    orgId: input.orgId,
    seq: BigInt(head!.lastSeq) + 1n,
    at: new Date(),
    actorType: input.actor.type,
    actorId: clip(input.actor.id, 200),
    actorLabel: clip(input.actor.label, 320),
    action: input.action,
    targetType: clip(input.target?.type, 100),
    targetId: clip(input.target?.id, 200),
    targetLabel: clip(input.target?.label, 320),
    outcome: input.outcome ?? "success",
    sourceIp: clip(input.context?.sourceIp, 64),
    userAgent: clip(input.context?.userAgent, 512),
    requestId: clip(input.context?.requestId, 100),
    detail: (redactSecrets(input.detail ?? {}) ?? {}) as Prisma.InputJsonObject,
    prevHash: head!.lastHash,
  };
  const hash = entryHash(fields);
  const entry = await tx.auditEntry.create({ data: { ...fields, hash } });
  await tx.auditChainHead.update({ where: { orgId: input.orgId }, data: { lastSeq: fields.seq, lastHash: hash } });
  return entry;
}

/** Runs a change and its audit entry in one transaction; `describe` answers null when the change found nothing to do. */
export function withAudit<T>(
  db: PrismaClient,
  change: (tx: Tx) => Promise<T>,
  describe: (result: T) => AuditInput | null,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const result = await change(tx);
    const entry = describe(result);
    if (entry) await recordAudit(tx, entry);
    return result;
  }, AUDITED_TX_OPTIONS);
}

/** Records an entry on its own (an event with no other change, such as a failed sign-in). */
export function audit(db: PrismaClient, input: AuditInput) {
  return db.$transaction((tx) => recordAudit(tx, input), AUDITED_TX_OPTIONS);
}
