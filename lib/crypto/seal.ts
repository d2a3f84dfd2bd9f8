// AES-256-GCM sealing of small secrets at rest (TOTP secrets). The AAD binds a ciphertext to its
// owner, so a sealed value copied onto another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new Error("sealing key must be 32 bytes");
}

export function sealSecret(plaintext: string, key: Buffer, aad: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function openSecret(sealed: string, key: Buffer, aad: string): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length)
    throw new Error("sealed secret cannot be opened");
  try {
    const ivBytes = Buffer.from(iv, "base64url");
    if (ivBytes.length !== IV_BYTES) throw new Error("bad iv");
    // Without authTagLength Node accepts a tag truncated to 4 bytes, which weakens forgery resistance.
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("sealed secret cannot be opened");
  }
}
