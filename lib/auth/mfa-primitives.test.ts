import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/crypto/seal.ts";
import { checkTotp, generateTotpSecret, qrCodeSvg, totpCode, totpStep, totpUri } from "./totp.ts";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode, normalizeRecoveryCode } from "./recovery-codes.ts";

describe("sealing secrets at rest (AES-256-GCM)", () => {
  const key = randomBytes(32);
  it("opens only with the same key and owner, and detects tampering", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", key, "totp:u1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, key, "totp:u1")).toBe("JBSWY3DPEHPK3PXP");
    expect(sealSecret("JBSWY3DPEHPK3PXP", key, "totp:u1")).not.toBe(sealed);
    expect(() => openSecret(sealed, randomBytes(32), "totp:u1")).toThrow(/cannot be opened/);
    expect(() => openSecret(sealed, key, "totp:u2")).toThrow(/cannot be opened/);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret(parts.join("."), key, "totp:u1")).toThrow(/cannot be opened/);
    expect(() => sealSecret("x", randomBytes(16), "a")).toThrow(/32 bytes/);
  });
});

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC 6238 SHA-1 test vector", () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits); 6 digits -> 287082.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, 59_000)).toBe("287082");
    expect(checkTotp(secret, "287 082", { now: 59_000 })).toEqual({ ok: true, step: 1 });
  });

  it("accepts the code of its own step ±1 only, and never a step already used", () => {
    const secret = generateTotpSecret();
    const now = Date.now();
    const step = totpStep(now);
    expect(checkTotp(secret, totpCode(secret, now - 30_000), { now })).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(secret, totpCode(secret, now + 30_000), { now })).toEqual({ ok: true, step: step + 1 });
    for (const offset of [-60_000, 60_000]) {
      const code = totpCode(secret, now + offset);
      if ([-30_000, 0, 30_000].some((o) => totpCode(secret, now + o) === code)) continue;
      expect(checkTotp(secret, code, { now })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(checkTotp(secret, totpCode(secret, now), { now, lastUsedStep: step })).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(secret, totpCode(secret, now - 30_000), { now, lastUsedStep: step })).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(secret, "abcdef", { now })).toEqual({ ok: false, reason: "invalid" });
    expect(checkTotp(secret, "12345", { now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("builds an otpauth URI and its QR code for enrollment", async () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri({ secret, account: "ana@example.test", issuer: "SecureNet" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/SecureNet:ana%40example\.test\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(secret);
    expect(await qrCodeSvg(uri)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });
});

describe("recovery codes", () => {
  it("are ten distinct typeable codes, hashed with a key, normalised for entry", () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(normalizeRecoveryCode(" ABCDE-FGHJK ")).toBe("abcdefghjk");
    const key = randomBytes(32);
    expect(hashRecoveryCode("ABCDE FGHJK", key)).toBe(hashRecoveryCode("abcde-fghjk", key));
    expect(hashRecoveryCode("abcde-fghjk", randomBytes(32))).not.toBe(hashRecoveryCode("abcde-fghjk", key));
    expect(looksLikeRecoveryCode(codes[0]!)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
