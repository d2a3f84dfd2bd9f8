// CSRF defence for cookie-authenticated requests (API keys are not ambient, so they skip it).
import { env } from "@/lib/env.ts";
import { AppError } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated state changes, on top of SameSite=Lax: a browser always
 * sends Origin (and Sec-Fetch-Site) with a POST/PATCH/DELETE, so one from another site, or one
 * without either header, is refused.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  // Behind a trusted reverse proxy the browser's host arrives in X-Forwarded-Host.
  const host = (env().SECURENET_TRUST_PROXY ? request.headers.get("x-forwarded-host") : null) ?? request.headers.get("host");
  const sameOrigin = origin ? safeHost(origin) === host : fetchSite === "same-origin";
  if (!sameOrigin || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError("forbidden", "Cross-site request refused: state-changing requests must come from the SecureNet origin.");
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
