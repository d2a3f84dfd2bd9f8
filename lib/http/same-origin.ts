// CSRF defence for cookie-authenticated requests (API keys are not ambient, so they skip it).
import { env } from "@/lib/env.ts";
import { AppError } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated state changes, on top of SameSite=Lax: a browser always
 * sends Origin (and Sec-Fetch-Site) with a POST/PATCH/DELETE, so one from another site, or one
 * without either header, is refused. Origins compare whole (scheme, host and port): http://host
 * is another origin than https://host, and a page there must not act on the console.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  // Origin when sent ("null" included, which is never ours), else the Referer's, else Sec-Fetch-Site alone.
  const claimedBy = request.headers.get("origin") ?? request.headers.get("referer");
  const claimed = originOf(claimedBy);
  const sameOrigin = claimedBy !== null ? claimed !== null && appOrigins(request).has(claimed) : fetchSite === "same-origin";
  if (!sameOrigin || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError("forbidden", "Cross-site request refused: state-changing requests must come from the SecureNet origin.");
  }
}

/** The console's origin as this request reached it, and its configured public URL's. */
function appOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  // Behind a trusted reverse proxy the browser's host and scheme arrive in X-Forwarded-Host/-Proto.
  const proxied = env().SECURENET_TRUST_PROXY;
  const forwardedProto = proxied ? request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() : undefined;
  const scheme = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : url.protocol.slice(0, -1);
  const host = (proxied ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : null) || request.headers.get("host") || url.host;
  const origins = new Set<string>([env().publicUrl].map(originOf).filter((o): o is string => Boolean(o)));
  const here = originOf(`${scheme}://${host}`);
  if (here) origins.add(here);
  return origins;
}

function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}
