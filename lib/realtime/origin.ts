// The live feed's CSRF defence: a browser sends its session cookie with a WebSocket handshake
// from any page (WebSockets have no same-origin policy), so a cookie-authenticated handshake must
// come from the app's own origin, by the same notion as lib/http/same-origin.ts (the Host the
// browser asked for, or X-Forwarded-Host behind a trusted proxy) with the scheme compared too, or
// from the configured public URL. Browsers omit Origin on a same-origin GET (the long-polling
// fallback's first request), so there, as in same-origin.ts, Sec-Fetch-Site: same-origin stands in.
// API-key sockets carry no ambient credential and need no Origin.

import { appOrigins } from "@/lib/http/app-origin.ts";

export interface Handshake {
  origin: string | undefined;
  secFetchSite?: string;
  host: string | undefined;
  forwardedHost?: string;
  forwardedProto?: string;
  /** The connection to this server is TLS. */
  encrypted: boolean;
  trustProxy: boolean;
  /** SECURENET_URL (or its default). */
  publicUrl: string;
}

/** True when the handshake's Origin is exactly the app's: same scheme, host and port, and nothing more. */
export function sameOriginHandshake(h: Handshake): boolean {
  if (h.origin === undefined) return h.secFetchSite === "same-origin";
  const origins = appOrigins({ ...h, scheme: h.encrypted ? "https" : "http" });
  return origins.has(h.origin.toLowerCase().replace(/\/$/, ""));
}
