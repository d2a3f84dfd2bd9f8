// CSRF defence for cookie-authenticated requests (API keys are not ambient, so they skip it).
import { env } from "@/lib/env.ts";
import { appOrigins, originOf } from "./app-origin.ts";
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
  const sameOrigin =
    claimedBy !== null ? claimed !== null && requestAppOrigins(request).has(claimed) : fetchSite === "same-origin";
  if (!sameOrigin || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError(
      "forbidden",
      "Cross-site request refused: state-changing requests must come from the SecureNet origin.",
    );
  }
}

/** The console's origin as this request reached it, and its configured public URL's. */
function requestAppOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  return appOrigins({
    host: request.headers.get("host") ?? url.host,
    forwardedHost: request.headers.get("x-forwarded-host"),
    forwardedProto: request.headers.get("x-forwarded-proto"),
    scheme: url.protocol === "https:" ? "https" : "http",
    trustProxy: Boolean(env().SECURENET_TRUST_PROXY),
    publicUrl: env().publicUrl,
  });
}
