// Keys made by keys. Such a key belongs to its creating key's owner (none, for a system key) and
// records that key as its parent, so "never more than its creator holds, now and later" holds by
// construction: at every request its scopes are narrowed by each key above it and by the owner's
// current permissions, and it stops when any key above it is revoked or expires, or the owner is
// disabled. Revoking a key revokes every key below it (./manage.ts), so the list shows them
// revoked; keys stopped otherwise (an owner disabled, a key above expired) are listed as stopped.
// Chains are bounded so a request never walks far.
import type { ApiKey, PrismaClient } from "@/lib/generated/prisma/client.ts";

/** How many keys may stand above a key. */
export const MAX_KEY_CHAIN = 8;

export function keyIsLive(key: Pick<ApiKey, "revokedAt" | "expiresAt">, now = new Date()): boolean {
  return !key.revokedAt && !(key.expiresAt && key.expiresAt <= now);
}

/** The keys above `key`, nearest first; null when one of them is revoked, expired or gone, or there are more than MAX_KEY_CHAIN. */
export async function keyAncestors(
  db: PrismaClient,
  key: Pick<ApiKey, "parentKeyId">,
  now = new Date(),
): Promise<ApiKey[] | null> {
  const ancestors: ApiKey[] = [];
  for (let parentId = key.parentKeyId; parentId;) {
    if (ancestors.length >= MAX_KEY_CHAIN) return null;
    const parent = await db.apiKey.findUnique({ where: { id: parentId } });
    if (!parent || !keyIsLive(parent, now)) return null;
    ancestors.push(parent);
    parentId = parent.parentKeyId;
  }
  return ancestors;
}

/** A key's scopes narrowed to what every key above it may do. */
export function narrowByAncestors(scopes: readonly string[], ancestors: readonly Pick<ApiKey, "scopes">[]): string[] {
  return scopes.filter((scope) => ancestors.every((a) => a.scopes.includes(scope)));
}

/** Why a key that is itself live is stopped anyway, for the key list; null when it works. */
export type KeyStop = "owner_disabled" | "parent_key" | null;

/** A key's stop from what is above it, given every key of its org by id (no queries: for lists). */
export function keyStopAbove(
  key: Pick<ApiKey, "parentKeyId">,
  ownerDisabled: boolean,
  keysById: ReadonlyMap<string, ApiKey>,
  now = new Date(),
): KeyStop {
  if (ownerDisabled) return "owner_disabled";
  let depth = 0;
  for (let parentId = key.parentKeyId; parentId; depth++) {
    const parent = keysById.get(parentId);
    if (depth >= MAX_KEY_CHAIN || !parent || !keyIsLive(parent, now)) return "parent_key";
    parentId = parent.parentKeyId;
  }
  return null;
}
