// The console's own origin, as one request reached it: the one notion the CSRF check
// (same-origin.ts) and the live feed's handshake (lib/realtime/origin.ts) share. Pure.

export interface ArrivedAs {
  /** The Host header. */
  host: string | null | undefined;
  forwardedHost?: string | null;
  forwardedProto?: string | null;
  /** The scheme of the connection to this server. */
  scheme: "http" | "https";
  /** Only behind a trusted reverse proxy do X-Forwarded-Host/-Proto say what the browser asked for. */
  trustProxy: boolean;
  /** SECURENET_URL (or its default). */
  publicUrl: string;
}

const first = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;

/** A web origin (`scheme://host[:port]`, lower case) or null: opaque origins ("null"), other schemes and garbage are never ours. */
export function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const parsed = new URL(value);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The origins the app is served from: the configured public URL's, and the host and scheme this request arrived with. */
export function appOrigins(arrived: ArrivedAs): Set<string> {
  const proto = arrived.trustProxy ? first(arrived.forwardedProto)?.toLowerCase() : undefined;
  const scheme = proto === "https" || proto === "http" ? proto : arrived.scheme;
  const host = (arrived.trustProxy ? first(arrived.forwardedHost) : undefined) ?? first(arrived.host);
  const origins = new Set<string>();
  const configured = originOf(arrived.publicUrl);
  if (configured) origins.add(configured);
  const here = host ? originOf(`${scheme}://${host}`) : null;
  if (here) origins.add(here);
  return origins;
}
