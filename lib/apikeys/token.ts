// The API key token: `sn_<prefix>_<secret>`. The prefix (10 lowercase base32 characters) finds
// the key and is safe to show; the secret carries 256 random bits and is only ever stored as a
// keyed hash. Keyed SHA-256 suffices because the secret is random, not chosen by a person.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN = /^sn_([a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;

export interface ParsedToken {
  prefix: string;
  secret: string;
}

export function generateToken(): { token: string; prefix: string; secret: string } {
  const prefix = [...randomBytes(10)].map((b) => PREFIX_ALPHABET[b & 31]).join("");
  const secret = randomBytes(32).toString("base64url");
  return { token: `sn_${prefix}_${secret}`, prefix, secret };
}

export function parseToken(token: string): ParsedToken | null {
  const match = TOKEN.exec(token.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string, key: Buffer): string {
  return createHmac("sha256", key).update(secret).digest("hex");
}

export function secretMatches(secret: string, storedHash: string | null | undefined, key: Buffer): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret, key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A bearer token from an Authorization header, if it looks like an API key. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(sn_\S+)$/i.exec(authorization?.trim() ?? "");
  return match ? match[1]! : null;
}
