// One-time MFA recovery codes. They carry ~49 random bits each, so a keyed fast hash (HMAC-SHA256)
// is enough at rest: without the key a stolen table cannot be brute-forced offline.
import { createHmac, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// Lowercase letters and digits without the look-alikes 0/o, 1/l/i (31 symbols).
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

function generateOne(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateOne());
  return [...codes];
}

export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, "");
}

export function looksLikeRecoveryCode(input: string): boolean {
  const normalized = normalizeRecoveryCode(input);
  return normalized.length === LENGTH && [...normalized].every((c) => ALPHABET.includes(c));
}

export function hashRecoveryCode(code: string, key: Buffer): string {
  return createHmac("sha256", key).update(normalizeRecoveryCode(code)).digest("hex");
}
