// Turns an API key token into a principal, or null (401): unknown, revoked, expired, a rotated-out
// secret past its grace period, a creator who is disabled or gone, or (for a key made by a key) a
// key above it that is revoked or expired. The key's permissions are its scopes narrowed to what
// its creator and every key above it may do now, so demoting a person narrows their keys.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { loadPrincipal, type Principal } from "@/lib/users/principal.ts";
import { keyAncestors, narrowByAncestors } from "./chain.ts";
import { apiKeyHashKey } from "./manage.ts";
import { parseToken, secretMatches } from "./token.ts";

/** lastUsedAt/IP are written at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;

export interface KeyPrincipal extends Principal {
  kind: "apikey";
  rateLimitPerMinute: number | null;
}

export async function authenticateApiKey(
  db: PrismaClient,
  token: string,
  sourceIp: string | null | undefined,
  now = new Date(),
): Promise<KeyPrincipal | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const key = await db.apiKey.findUnique({ where: { prefix: parsed.prefix } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  const hashKey = apiKeyHashKey();
  const current = secretMatches(parsed.secret, key.secretHash, hashKey);
  const previous =
    !current &&
    key.previousValidUntil &&
    key.previousValidUntil > now &&
    secretMatches(parsed.secret, key.previousSecretHash, hashKey);
  if (!current && !previous) return null;

  const ancestors = await keyAncestors(db, key, now);
  if (!ancestors) return null;
  let permissions = narrowByAncestors(key.scopes, ancestors);
  if (key.createdById) {
    const owner = await loadPrincipal(db, key.createdById);
    if (!owner) return null;
    permissions = permissions.filter((scope) => owner.permissions.includes(scope));
  }
  if (
    !key.lastUsedAt ||
    now.getTime() - key.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS ||
    key.lastUsedIp !== (sourceIp ?? null)
  ) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now, lastUsedIp: sourceIp ?? null } });
  }
  return {
    kind: "apikey",
    id: key.id,
    orgId: key.orgId,
    email: `apikey:${key.prefix}`,
    name: key.name,
    roles: [],
    permissions: [...permissions].sort(),
    mfaEnabled: false,
    setup: [],
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}
