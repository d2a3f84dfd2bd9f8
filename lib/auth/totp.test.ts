import { describe, expect, it } from "vitest";
import { checkTotp, generateTotpSecret, qrCodeSvg, totpCode, totpStep, totpUri } from "./totp.ts";

// RFC 6238 appendix B SHA-1 key "12345678901234567890" in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
// Fixed clock in the middle of a step, so the fixture never straddles a step boundary.
const now = 1_764_000_000_000 + 15_000;
const step = totpStep(now);
const codeAt = (offsetMs: number) => totpCode(RFC_SECRET, now + offsetMs);

describe("totp", () => {
  it("matches the RFC 6238 SHA-1 vector truncated to 6 digits", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(checkTotp(RFC_SECRET, "287082", { now: 59_000 })).toEqual({ ok: true, step: 1 });
  });

  it("accepts the current code and returns its step", () => {
    expect(checkTotp(RFC_SECRET, codeAt(0), { now })).toEqual({ ok: true, step });
    expect(checkTotp(RFC_SECRET, ` ${codeAt(0).slice(0, 3)} ${codeAt(0).slice(3)} `, { now })).toEqual({
      ok: true,
      step,
    });
  });

  it("tolerates one step of clock drift either way, and no more", () => {
    expect(checkTotp(RFC_SECRET, codeAt(-30_000), { now })).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, codeAt(30_000), { now })).toEqual({ ok: true, step: step + 1 });
    const accepted = [codeAt(-30_000), codeAt(0), codeAt(30_000)];
    for (const offset of [-60_000, 60_000]) {
      expect(accepted).not.toContain(codeAt(offset));
      expect(checkTotp(RFC_SECRET, codeAt(offset), { now })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuses a replay of the last used step and any older step", () => {
    expect(checkTotp(RFC_SECRET, codeAt(0), { now, lastUsedStep: step })).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(-30_000), { now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
    expect(checkTotp(RFC_SECRET, codeAt(30_000), { now, lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, codeAt(0), { now, lastUsedStep: null })).toEqual({ ok: true, step });
  });

  it("refuses anything but exactly six digits", () => {
    for (const code of ["", "abcdef", "12345", "1234567", "12a456", `${codeAt(0)}0`, "１２３４５６"]) {
      expect(checkTotp(RFC_SECRET, code, { now })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("generates 160-bit base32 secrets that authenticator apps can scan", async () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = totpUri({ secret, account: "ana@example.test", issuer: "SecureNet" });
    const url = new URL(uri);
    expect(uri.startsWith("otpauth://totp/SecureNet:ana%40example.test?")).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: "SecureNet",
      secret,
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
    expect(await qrCodeSvg(uri)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });
});
