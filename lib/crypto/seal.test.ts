import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./seal.ts";

const key = randomBytes(32);
const secret = "JBSWY3DPEHPK3PXP";
const aad = "totp:user-1";

function withPart(sealed: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = sealed.split(".");
  parts[index] = change(Buffer.from(parts[index]!, "base64url")).toString("base64url");
  return parts.join(".");
}

function flipFirstBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[0]! ^= 1;
  return copy;
}

describe("sealSecret / openSecret", () => {
  it("round-trips and does not leak the plaintext", () => {
    const sealed = sealSecret(secret, key, aad);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(openSecret(sealed, key, aad)).toBe(secret);
    expect(openSecret(sealSecret("", key, aad), key, aad)).toBe("");
  });

  it("uses a fresh IV, so two seals of the same plaintext differ", () => {
    expect(sealSecret(secret, key, aad)).not.toBe(sealSecret(secret, key, aad));
  });

  it("refuses the wrong key and another owner's AAD", () => {
    const sealed = sealSecret(secret, key, aad);
    expect(() => openSecret(sealed, randomBytes(32), aad)).toThrow("sealed secret cannot be opened");
    expect(() => openSecret(sealed, key, "totp:user-2")).toThrow("sealed secret cannot be opened");
  });

  it("detects a tampered ciphertext, tag or IV, and a truncated tag", () => {
    const sealed = sealSecret(secret, key, aad);
    expect(() => openSecret(withPart(sealed, 3, flipFirstBit), key, aad)).toThrow("sealed secret cannot be opened");
    expect(() => openSecret(withPart(sealed, 2, flipFirstBit), key, aad)).toThrow("sealed secret cannot be opened");
    expect(() => openSecret(withPart(sealed, 1, flipFirstBit), key, aad)).toThrow("sealed secret cannot be opened");
    expect(() =>
      openSecret(
        withPart(sealed, 2, (tag) => tag.subarray(0, 4)),
        key,
        aad,
      ),
    ).toThrow("sealed secret cannot be opened");
  });

  it("refuses malformed input and other versions", () => {
    const sealed = sealSecret(secret, key, aad);
    for (const bad of ["", "v1", "v1.a.b", `${sealed}.extra`, sealed.replace(/^v1/, "v2")]) {
      expect(() => openSecret(bad, key, aad)).toThrow("sealed secret cannot be opened");
    }
  });

  it("requires a 32-byte key", () => {
    expect(() => sealSecret(secret, randomBytes(16), aad)).toThrow(/32 bytes/);
    expect(() => openSecret(sealSecret(secret, key, aad), randomBytes(31), aad)).toThrow(/32 bytes/);
  });
});
