// TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. A code is
// accepted only for its own step ±1, and never for a step at or before the last one used.
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "", issuer = "") {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
    label,
    issuer,
  });
}

export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  return totp(input.secret, input.account, input.issuer).toString();
}

export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replayed" };

export function checkTotp(
  secret: string,
  code: string,
  options: { now?: number; lastUsedStep?: number | null } = {},
): TotpCheck {
  const token = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(token)) return { ok: false, reason: "invalid" };
  const now = options.now ?? Date.now();
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return { ok: false, reason: "invalid" };
  const step = totpStep(now) + delta;
  if (options.lastUsedStep != null && step <= options.lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}

export function totpCode(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}

export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
