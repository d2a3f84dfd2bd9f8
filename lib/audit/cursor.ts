// The audit list's opaque cursor: the last seq a page showed, base64url-encoded. Pure; no database.
const PREFIX = "seq:";
const SEQ = /^[1-9]\d{0,18}$/;
const MAX_SEQ = 2n ** 63n - 1n;

export function encodeAuditCursor(seq: bigint): string {
  return Buffer.from(`${PREFIX}${seq}`, "utf8").toString("base64url");
}

/** The seq a cursor stands for, or null when it is not one of ours. */
export function decodeAuditCursor(cursor: string): bigint | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return null;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith(PREFIX)) return null;
  const digits = decoded.slice(PREFIX.length);
  if (!SEQ.test(digits)) return null;
  const seq = BigInt(digits);
  return seq <= MAX_SEQ ? seq : null;
}
