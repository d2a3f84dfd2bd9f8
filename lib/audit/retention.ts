// Audit retention: removes entries older than the retention period from the start of the chain,
// leaving a signed checkpoint of the last removed entry so the rest still verifies. The removal
// is the only path allowed past the append-only trigger, and it is itself audited.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { signCheckpoint } from "./canonical.ts";
import { AUDITED_TX_OPTIONS, recordAudit, SYSTEM_ACTOR } from "./record.ts";

export interface RetentionResult {
  removed: number;
  throughSeq: string | null;
}

export async function applyAuditRetention(
  db: PrismaClient,
  options: { orgId: string; retentionDays: number; checkpointKey: Buffer; now?: Date },
): Promise<RetentionResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 86_400_000);
  return db.$transaction(async (tx) => {
    // Lock the chain so no entry is appended while the prefix is cut.
    await tx.$queryRaw`SELECT 1 FROM "AuditChainHead" WHERE "orgId" = ${options.orgId}::uuid FOR UPDATE`;
    // Remove the longest prefix of the chain whose entries are all older than the cutoff.
    const [{ firstKept }] = await tx.$queryRaw<{ firstKept: bigint | null }[]>`
      SELECT min(seq) AS "firstKept" FROM "AuditEntry" WHERE "orgId" = ${options.orgId}::uuid AND "at" >= ${cutoff}`;
    const last = await tx.auditEntry.findFirst({
      where: { orgId: options.orgId, at: { lt: cutoff }, ...(firstKept != null ? { seq: { lt: firstKept } } : {}) },
      orderBy: { seq: "desc" },
    });
    if (!last) return { removed: 0, throughSeq: null };

    await tx.$executeRaw`SELECT set_config('securenet.audit_retention', 'on', true)`;
    const { count } = await tx.auditEntry.deleteMany({ where: { orgId: options.orgId, seq: { lte: last.seq } } });
    await tx.$executeRaw`SELECT set_config('securenet.audit_retention', 'off', true)`;
    const checkpoint = { orgId: options.orgId, throughSeq: last.seq, lastHash: last.hash };
    await tx.auditCheckpoint.create({
      data: { ...checkpoint, removed: count, signature: signCheckpoint(options.checkpointKey, checkpoint) },
    });
    await recordAudit(tx, {
      orgId: options.orgId,
      action: "audit.retention_applied",
      actor: SYSTEM_ACTOR,
      target: { type: "audit_log", id: options.orgId },
      detail: {
        removed: count,
        throughSeq: last.seq.toString(),
        retentionDays: options.retentionDays,
        cutoff: cutoff.toISOString(),
      },
    });
    return { removed: count, throughSeq: last.seq.toString() };
  }, AUDITED_TX_OPTIONS);
}
