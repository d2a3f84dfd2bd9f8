import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from "./recovery-codes.ts";

describe("recovery codes", () => {
  it("generates ten unique codes in the xxxxx-xxxxx format without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(code).not.toMatch(/[01ilo]/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it("normalizes what a user types", () => {
    expect(normalizeRecoveryCode("ABCDE-FGHJK ")).toBe("abcdefghjk");
    expect(normalizeRecoveryCode(" abcde fghjk")).toBe("abcdefghjk");
  });

  it("hashes the normalized code, stable under one key and different under another", () => {
    const key = randomBytes(32);
    const hash = hashRecoveryCode("abcde-fghjk", key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("ABCDE FGHJK", key)).toBe(hash);
    expect(hashRecoveryCode("abcde-fghjk", randomBytes(32))).not.toBe(hash);
    expect(hashRecoveryCode("abcde-fghjm", key)).not.toBe(hash);
  });

  it("tells recovery codes apart from TOTP codes and typos", () => {
    expect(looksLikeRecoveryCode("ABCDE-FGHJK")).toBe(true);
    for (const input of ["123456", "123 456", "abcde-fghj", "abcde-fghjkm", "abcde-fghj0", "abcde-fghjl"]) {
      expect(looksLikeRecoveryCode(input)).toBe(false);
    }
  });
});
