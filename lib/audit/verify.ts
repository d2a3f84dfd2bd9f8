// Verifies an org's whole audit chain: every entry's hash, every link to the previous hash, no
// gaps in sequence numbers, and the chain head. Starts from the newest signed retention
// checkpoint when old entries were removed. Reports the first broken entry.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { checkpointSignatureValid, entryHash, GENESIS_HASH } from "./canonical.ts";

export type ChainProblem = "hash_mismatch" | "broken_link" | "gap" | "bad_checkpoint" | "head_mismatch";

export interface VerifyResult {
  orgId: string;
  ok: boolean;
  checked: number;
  firstSeq: string | null;
  lastSeq: string | null;
  firstBad?: { seq: string; id: string | null; problem: ChainProblem; message: string };
}

const PAGE = 2_000;

export async function verifyAuditChain(db: PrismaClient, orgId: string, checkpointKey: Buffer): Promise<VerifyResult> {
  const first = await verifyOnce(db, orgId, checkpointKey);
  // Retention may have cut the start of the chain while we read it: look again from its checkpoint.
  if (first.firstBad?.problem === "gap") {
    const latest = await db.auditCheckpoint.findFirst({
      where: { orgId },
      orderBy: { throughSeq: "desc" },
      select: { throughSeq: true },
    });
    if (latest && latest.throughSeq >= BigInt(first.firstBad.seq)) return verifyOnce(db, orgId, checkpointKey);
  }
  return first;
}

async function verifyOnce(db: PrismaClient, orgId: string, checkpointKey: Buffer): Promise<VerifyResult> {
  // The head is read first and only entries up to it are checked, so appends made while
  // verifying are neither missed nor mistaken for damage.
  const head = await db.auditChainHead.findUnique({ where: { orgId } });
  const headSeq = head?.lastSeq ?? 0n;
  const result: VerifyResult = { orgId, ok: true, checked: 0, firstSeq: null, lastSeq: null };
  const fail = (seq: bigint, id: string | null, problem: ChainProblem, message: string): VerifyResult => ({
    ...result,
    ok: false,
    firstBad: { seq: seq.toString(), id, problem, message },
  });

  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  const checkpoint = await db.auditCheckpoint.findFirst({ where: { orgId }, orderBy: { throughSeq: "desc" } });
  if (checkpoint) {
    if (!checkpointSignatureValid(checkpointKey, checkpoint)) {
      return fail(
        checkpoint.throughSeq,
        checkpoint.id,
        "bad_checkpoint",
        `retention checkpoint through entry ${checkpoint.throughSeq} has an invalid signature`,
      );
    }
    expectedSeq = checkpoint.throughSeq + 1n;
    prevHash = checkpoint.lastHash;
  }

  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { orgId, seq: { gte: expectedSeq, lte: headSeq } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        const missing = expectedSeq === row.seq - 1n ? `${expectedSeq}` : `${expectedSeq}–${row.seq - 1n}`;
        return fail(
          expectedSeq,
          null,
          "gap",
          `entry ${missing} is missing (deleted?) before entry ${row.seq} (${row.id})`,
        );
      }
      if (row.prevHash !== prevHash) {
        return fail(
          row.seq,
          row.id,
          "broken_link",
          `entry ${row.seq} (${row.id}) does not link to the previous entry's hash`,
        );
      }
      if (entryHash(row) !== row.hash) {
        return fail(
          row.seq,
          row.id,
          "hash_mismatch",
          `entry ${row.seq} (${row.id}) was modified: its content does not match its hash`,
        );
      }
      result.firstSeq ??= row.seq.toString();
      result.lastSeq = row.seq.toString();
      result.checked++;
      prevHash = row.hash;
      expectedSeq = row.seq + 1n;
    }
    if (rows.length < PAGE) break;
  }

  if (headSeq !== expectedSeq - 1n || (headSeq > 0n && head!.lastHash !== prevHash)) {
    return fail(
      expectedSeq,
      null,
      "head_mismatch",
      `the chain ends at entry ${expectedSeq - 1n} but ${headSeq} entries were written: the newest entries are missing`,
    );
  }
  return result;
}

export async function verifyAllAuditChains(db: PrismaClient, checkpointKey: Buffer): Promise<VerifyResult[]> {
  const orgs = await db.org.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const results: VerifyResult[] = [];
  for (const org of orgs) results.push(await verifyAuditChain(db, org.id, checkpointKey));
  return results;
}
