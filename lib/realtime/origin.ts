// The live feed's CSRF defence: a browser sends its session cookie with a WebSocket handshake
// from any page (WebSockets have no same-origin policy), so a cookie-authenticated handshake must
// come from the app's own origin, by the same notion as lib/http/same-origin.ts (the Host the
// browser asked for, or X-Forwarded-Host behind a trusted proxy) with the scheme compared too, or
// from the configured public URL. Browsers omit Origin on a same-origin GET (the long-polling
// fallback's first request), so there, as in same-origin.ts, Sec-Fetch-Site: same-origin stands in.
// API-key sockets carry no ambient credential and need no Origin.

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

const first = (value: string | undefined) => value?.split(",")[0]?.trim() || undefined;

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The origins the app is served from, as this handshake reached it. */
export function appOrigins(h: Handshake): string[] {
  const host = (h.trustProxy ? first(h.forwardedHost) : undefined) ?? h.host;
  const scheme = (h.trustProxy ? first(h.forwardedProto) : undefined) ?? (h.encrypted ? "https" : "http");
  const origins = [originOf(h.publicUrl), host ? originOf(`${scheme}://${host}`) : null];
  return origins.filter((o): o is string => Boolean(o));
}

/** True when the handshake's Origin is the app's: same scheme, host and port. */
export function sameOriginHandshake(h: Handshake): boolean {
  if (h.origin === undefined) return h.secFetchSite === "same-origin";
  const origin = h.origin ? originOf(h.origin) : null;
  return origin !== null && origin === h.origin?.toLowerCase().replace(/\/$/, "") && appOrigins(h).includes(origin);
}
