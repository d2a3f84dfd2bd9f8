// Password hashing with Argon2id (@node-rs/argon2: maintained, prebuilt, no install scripts).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes, randomInt } from "node:crypto";

// OWASP's recommended Argon2id minimum: m=19 MiB, t=2, p=1.
// algorithm 2 is Argon2id (the library exports it as a const enum, which isolatedModules cannot inline).
export const PASSWORD_HASH_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

/** True when a stored hash is not Argon2id with today's parameters: rehash it at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return (
    m !== PASSWORD_HASH_PARAMS.memoryCost ||
    t !== PASSWORD_HASH_PARAMS.timeCost ||
    p !== PASSWORD_HASH_PARAMS.parallelism
  );
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random secret, verified against when the user does not exist, so timing is alike. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}

/** A one-time password that is easy to type: 4 groups of 5 from an unambiguous alphabet (~115 bits). */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}
