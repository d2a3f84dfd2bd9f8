// The security headers of every page and API answer (set by proxy.ts; for /api by next.config.js). Pages get a strict CSP:
// scripts only with this response's nonce (Next puts it on its own scripts when it renders), and
// 'strict-dynamic' for the chunks those load; styles may be inline (Tailwind and Recharts set
// style attributes), scripts never. API answers are data, never rendered: their policy allows
// nothing. HSTS only when the console is served over https.
import { randomBytes } from "node:crypto";

export interface SecurityHeaderOptions {
  /** Set for pages: the nonce their scripts carry. */
  nonce?: string;
  /** The configured public URL is https. */
  https: boolean;
  /** Not production: React's dev tooling evaluates code. */
  dev: boolean;
}

export const HSTS = "max-age=31536000; includeSubDomains";

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

function pagePolicy({ nonce, https, dev }: SecurityHeaderOptions): string[] {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The live feed's Socket.IO (polling, then a WebSocket) goes to this same origin.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
}

/** API answers' policy; also in next.config.js, which sets it for /api without the proxy. */
export const API_POLICY = [
  "default-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": (options.nonce ? pagePolicy(options) : API_POLICY).join("; "),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
