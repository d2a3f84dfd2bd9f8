// The canonical form of an audit entry and its chained SHA-256 hash. Pure; no database.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  orgId: string;
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: string;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the same value always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalEntry(e: ChainedFields): string {
  return canonicalJson({
    v: 1,
    orgId: e.orgId,
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    outcome: e.outcome,
    sourceIp: e.sourceIp,
    userAgent: e.userAgent,
    requestId: e.requestId,
    detail: e.detail ?? {},
    prevHash: e.prevHash,
  });
}

export function entryHash(e: ChainedFields): string {
  return createHash("sha256").update(canonicalEntry(e)).digest("hex");
}

/** Retention checkpoints are signed so a forged starting point for the chain is detected. */
export function signCheckpoint(key: Buffer, c: { orgId: string; throughSeq: bigint; lastHash: string }): string {
  return createHmac("sha256", key)
    .update(`securenet-audit-checkpoint:v1:${c.orgId}:${c.throughSeq}:${c.lastHash}`)
    .digest("hex");
}

export function checkpointSignatureValid(
  key: Buffer,
  c: { orgId: string; throughSeq: bigint; lastHash: string; signature: string },
): boolean {
  const expected = Buffer.from(signCheckpoint(key, c), "hex");
  const given = Buffer.from(c.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
