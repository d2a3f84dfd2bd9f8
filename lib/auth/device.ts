// The known-device cookie: set after a successful sign-in, it lets that browser keep its own
// sign-in budget, so failures a stranger runs up against the account (from anywhere) never lock
// its owner out. `<id>.<expires>.<mac>`: the MAC, keyed from AUTH_SECRET, binds the device id to
// the user who signed in, without naming them; a cookie for another account counts for nothing.
import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env.ts";

export const DEVICE_COOKIE = "securenet.device";
export const DEVICE_MAX_AGE_S = 180 * 24 * 3600;

const macKey = () =>
  Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, Buffer.alloc(0), "securenet:known-device:v1", 32));
const mac = (userId: string, id: string, expires: number) =>
  createHmac("sha256", macKey()).update(`${userId}.${id}.${expires}`).digest("base64url");

export function issueDeviceToken(userId: string, now = new Date()): string {
  const id = randomBytes(16).toString("base64url");
  const expires = Math.floor(now.getTime() / 1000) + DEVICE_MAX_AGE_S;
  return `${id}.${expires}.${mac(userId, id, expires)}`;
}

/** The device id when the token is this user's, unexpired and intact; else null. */
export function knownDeviceId(token: string | null | undefined, userId: string, now = new Date()): string | null {
  const parts = token?.length && token.length <= 200 ? token.split(".") : [];
  if (parts.length !== 3) return null;
  const [id, expiresText, given] = parts as [string, string, string];
  const expires = Number(expiresText);
  if (!/^[\w-]{22}$/.test(id) || !Number.isSafeInteger(expires) || expires * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(mac(userId, id, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}
