// Creating, listing, revoking and rotating API keys. The token is returned once, at creation or
// rotation; only its keyed hash is kept. Under the grant rule (lib/rbac/grants.ts) a key's scopes
// must be a subset of its creator's permissions (the CLI's system actor may grant any), and
// rotating or revoking a key needs holding every one of its scopes. A key made by a key belongs to
// that key's owner and records it as its parent: it is narrowed by both and dies with either
// (./chain.ts). Revoking a key revokes the keys below it in the same transaction, each audited as
// a revocation, so the list shows what no longer works. Every change is audited with before/after.
import type { ApiKey, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { actorOf } from "@/lib/audit/actor.ts";
import {
  AUDITED_TX_OPTIONS,
  recordAudit,
  withAudit,
  type Actor,
  type RequestContext,
  type Tx,
} from "@/lib/audit/record.ts";
import { deriveKey } from "@/lib/crypto/keys.ts";
import { env } from "@/lib/env.ts";
import { AppError } from "@/lib/http/errors.ts";
import { assertMayActOn, assertMayGrant } from "@/lib/rbac/grants.ts";
import { isPermission, PERMISSIONS } from "@/lib/rbac/permissions.ts";
import type { Principal } from "@/lib/users/principal.ts";
import { revalidateLiveFeed } from "@/lib/realtime/revalidate.ts";
import { keyAncestors, keyStopAbove, MAX_KEY_CHAIN, type KeyStop } from "./chain.ts";
import { generateToken, hashSecret } from "./token.ts";

export const MAX_ROTATION_GRACE_HOURS = 7 * 24;
export const DEFAULT_ROTATION_GRACE_HOURS = 24;

export const apiKeyHashKey = () => deriveKey(env().SECURENET_ENCRYPTION_KEY, "api-keys");

/** Who is acting: a signed-in user or an API key (their effective permissions bound the scopes) or the system (CLI). */
export interface KeyActor {
  actor: Actor;
  userId: string | null;
  /** Set when an API key acts: the key that a key it creates hangs on. */
  keyId?: string | null;
  permissions: readonly string[];
  context?: RequestContext;
}

/** The key actor for a request's principal. */
export function keyActorOf(principal: Principal, context?: RequestContext): KeyActor {
  return {
    actor: actorOf(principal),
    userId: principal.kind === "user" ? principal.id : null,
    keyId: principal.kind === "apikey" ? principal.id : null,
    permissions: principal.permissions,
    context,
  };
}

export interface CreateApiKeyInput {
  orgId: string;
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
  rateLimitPerMinute?: number | null;
}

/** A key as listed: with why it is stopped when it is not revoked or expired itself yet does not work. */
export type ListedApiKey = ApiKey & { stoppedBy?: KeyStop };

export function apiKeyView(key: ListedApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    rateLimitPerMinute: key.rateLimitPerMinute,
    createdById: key.createdById,
    parentKeyId: key.parentKeyId,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: key.lastUsedIp,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    rotatedAt: key.rotatedAt?.toISOString() ?? null,
    previousValidUntil: key.previousValidUntil?.toISOString() ?? null,
    stoppedBy: key.stoppedBy ?? null,
  };
}

/** What the audit log keeps of a key: never a secret or hash. */
const snapshot = (key: ApiKey) => ({
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  expiresAt: key.expiresAt?.toISOString() ?? null,
  rateLimitPerMinute: key.rateLimitPerMinute,
});

function assertScopes(scopes: string[], by: KeyActor) {
  const unknown = scopes.filter((s) => !isPermission(s));
  if (unknown.length)
    throw new AppError("unprocessable", `Unknown scope: ${unknown.join(", ")}.`, [
      { path: "scopes", message: `unknown scope ${unknown[0]}` },
    ]);
  assertMayGrant(by, scopes, { field: "scopes", action: "create a key with these scopes" });
}

/** The owner and parent of a new key: a key made by a key belongs to that key's owner (or, system-owned, to none) and hangs on it. */
async function lineageOf(
  db: PrismaClient,
  orgId: string,
  by: KeyActor,
): Promise<{ createdById: string | null; parentKeyId: string | null }> {
  if (!by.keyId) return { createdById: by.userId, parentKeyId: null };
  const parent = await db.apiKey.findFirst({ where: { id: by.keyId, orgId } });
  if (!parent) throw new AppError("unauthenticated", "The API key is not valid: unknown, revoked or expired.");
  const ancestors = await keyAncestors(db, parent);
  if (!ancestors || ancestors.length + 1 > MAX_KEY_CHAIN) {
    throw new AppError(
      "unprocessable",
      `Keys made by keys nest at most ${MAX_KEY_CHAIN} deep: create this key as a person instead.`,
      [{ path: "(root)", message: "too deeply nested" }],
    );
  }
  return { createdById: parent.createdById, parentKeyId: parent.id };
}

export async function createApiKey(
  db: PrismaClient,
  input: CreateApiKeyInput,
  by: KeyActor,
): Promise<{ key: ApiKey; token: string }> {
  const scopes = [...new Set(input.scopes)].sort();
  if (scopes.length === 0)
    throw new AppError("unprocessable", "A key needs at least one scope.", [
      { path: "scopes", message: "at least one scope" },
    ]);
  assertScopes(scopes, by);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError("unprocessable", "The expiry must be in the future.", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }
  const lineage = await lineageOf(db, input.orgId, by);
  const { token, prefix, secret } = generateToken();
  const key = await withAudit(
    db,
    async (tx) => {
      // A key being revoked at this moment revokes the keys below it: wait for it, and make none.
      if (lineage.parentKeyId) {
        const [parent] = await tx.$queryRaw<
          { revokedAt: Date | null }[]
        >`SELECT "revokedAt" FROM "ApiKey" WHERE "id" = ${lineage.parentKeyId}::uuid FOR SHARE`;
        if (!parent || parent.revokedAt)
          throw new AppError("unauthenticated", "The API key is not valid: unknown, revoked or expired.");
      }
      return tx.apiKey.create({
        data: {
          orgId: input.orgId,
          name: input.name,
          prefix,
          secretHash: hashSecret(secret, apiKeyHashKey()),
          scopes,
          expiresAt: input.expiresAt ?? null,
          rateLimitPerMinute: input.rateLimitPerMinute ?? null,
          ...lineage,
        },
      });
    },
    (created) => ({
      orgId: input.orgId,
      action: "apikey.created",
      actor: by.actor,
      target: { type: "apikey", id: created.id, label: `${created.name} (sn_${created.prefix})` },
      detail: { before: null, after: snapshot(created) },
      context: by.context,
    }),
  );
  return { key, token };
}

/** Every key of the org, each with why it is stopped though live itself (its owner disabled, a key above it expired). */
export async function listApiKeys(db: PrismaClient, orgId: string, now = new Date()): Promise<ListedApiKey[]> {
  const rows = await db.apiKey.findMany({
    where: { orgId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { createdBy: { select: { disabled: true } } },
  });
  const keys = rows.map(({ createdBy, ...key }) => ({ key, ownerDisabled: createdBy?.disabled ?? false }));
  const byId = new Map(keys.map(({ key }) => [key.id, key]));
  return keys.map(({ key, ownerDisabled }) => ({ ...key, stoppedBy: keyStopAbove(key, ownerDisabled, byId, now) }));
}

/** Finds a key of the org by id or by prefix (with or without the `sn_` and trailing parts). */
export async function findApiKey(db: PrismaClient, orgId: string, idOrPrefix: string): Promise<ApiKey> {
  const prefix = /^(?:sn_)?([a-z2-7]{10})(?:_.*)?$/.exec(idOrPrefix)?.[1];
  const isId = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
  const key = await db.apiKey.findFirst({
    where: { orgId, ...(isId ? { id: idOrPrefix } : { prefix: prefix ?? "-" }) },
  });
  if (!key) throw new AppError("not_found", "No such API key.");
  return key;
}

const keyLabel = (key: ApiKey) => `${key.name} (sn_${key.prefix})`;

/** Revokes, level by level, every live key below `keyId`; a key being made from one of them meanwhile is waited for and found. */
async function revokeKeysBelow(tx: Tx, orgId: string, keyId: string, revokedAt: Date): Promise<ApiKey[]> {
  const below: ApiKey[] = [];
  let level = [keyId];
  for (let depth = 0; level.length && depth < MAX_KEY_CHAIN; depth++) {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { orgId, parentKeyId: { in: level }, revokedAt: null },
      data: { revokedAt, previousSecretHash: null, previousValidUntil: null },
    });
    below.push(...revoked);
    level = revoked.map((k) => k.id);
  }
  return below;
}

/** Revokes a key and every key below it (made by it, or by those), in one transaction: one audit entry each, the first listing the rest. */
export async function revokeApiKey(db: PrismaClient, orgId: string, idOrPrefix: string, by: KeyActor): Promise<ApiKey> {
  const key = await findApiKey(db, orgId, idOrPrefix);
  assertMayActOn(by, key.scopes, { field: "id", action: `revoke the key ${keyLabel(key)}` });
  const result = await db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const [revoked] = await tx.apiKey.updateManyAndReturn({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt, previousSecretHash: null, previousValidUntil: null },
    });
    // Also when the key was revoked already: keys below it left live (before revocation cascaded) are revoked now.
    const below = await revokeKeysBelow(tx, orgId, key.id, revokedAt);
    const entry = { orgId, action: "apikey.revoked" as const, actor: by.actor, context: by.context };
    const after = { revokedAt: revokedAt.toISOString() };
    if (revoked) {
      await recordAudit(tx, {
        ...entry,
        target: { type: "apikey", id: key.id, label: keyLabel(key) },
        detail: {
          before: { revokedAt: null },
          after,
          ...(below.length ? { alsoRevoked: below.map((k) => k.id) } : {}),
        },
      });
    }
    for (const child of below) {
      await recordAudit(tx, {
        ...entry,
        target: { type: "apikey", id: child.id, label: keyLabel(child) },
        detail: {
          before: { revokedAt: null },
          after,
          reason: "parent_key_revoked",
          revokedWith: key.id,
          parentKeyId: child.parentKeyId,
        },
      });
    }
    return revoked ?? tx.apiKey.findUniqueOrThrow({ where: { id: key.id } });
  }, AUDITED_TX_OPTIONS);
  // The org's sockets, not the key's alone: keys below it were revoked too.
  revalidateLiveFeed({ orgId });
  return result;
}

/**
 * A new secret for the same key (same prefix, scopes and history). The old secret keeps working
 * for `graceHours` (0 ends it at once) so deployed senders can switch without dropping events.
 */
export async function rotateApiKey(
  db: PrismaClient,
  orgId: string,
  id: string,
  graceHours: number,
  by: KeyActor,
): Promise<{ key: ApiKey; token: string }> {
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > MAX_ROTATION_GRACE_HOURS) {
    throw new AppError("unprocessable", `The grace period must be 0-${MAX_ROTATION_GRACE_HOURS} hours.`, [
      { path: "graceHours", message: `must be 0-${MAX_ROTATION_GRACE_HOURS}` },
    ]);
  }
  const key = await findApiKey(db, orgId, id);
  // Whoever rotates a key receives its new secret: they must hold everything it may do.
  assertMayActOn(by, key.scopes, { field: "id", action: `rotate the key ${key.name} (sn_${key.prefix})` });
  if (key.revokedAt) throw new AppError("conflict", "A revoked key cannot be rotated.");
  const secret = generateToken().secret;
  const now = new Date();
  const previousValidUntil = graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null;
  const rotated = await withAudit(
    db,
    (tx) =>
      tx.apiKey.update({
        where: { id: key.id },
        data: {
          secretHash: hashSecret(secret, apiKeyHashKey()),
          previousSecretHash: previousValidUntil ? key.secretHash : null,
          previousValidUntil,
          rotatedAt: now,
        },
      }),
    () => ({
      orgId,
      action: "apikey.rotated",
      actor: by.actor,
      target: { type: "apikey", id: key.id, label: `${key.name} (sn_${key.prefix})` },
      detail: {
        before: { rotatedAt: key.rotatedAt?.toISOString() ?? null },
        after: {
          rotatedAt: now.toISOString(),
          previousValidUntil: previousValidUntil?.toISOString() ?? null,
          graceHours,
        },
      },
      context: by.context,
    }),
  );
  revalidateLiveFeed({ apiKeyId: key.id });
  return { key: rotated, token: `sn_${key.prefix}_${secret}` };
}

export const ALL_SCOPES: readonly string[] = PERMISSIONS;

/** Of the given key ids, those revoked, expired, whose creator is disabled or whose parent key is dead (their sockets are dropped). */
export async function deadApiKeyIds(db: PrismaClient, ids: string[], now = new Date()): Promise<string[]> {
  if (ids.length === 0) return [];
  const alive = await db.apiKey.findMany({
    where: {
      id: { in: ids },
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      AND: [{ OR: [{ createdById: null }, { createdBy: { disabled: false } }] }],
    },
  });
  const aliveIds = new Set<string>();
  for (const key of alive) if (!key.parentKeyId || (await keyAncestors(db, key, now))) aliveIds.add(key.id);
  return ids.filter((id) => !aliveIds.has(id));
}
