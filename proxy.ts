// Runs before every page (Next 16's proxy, formerly middleware): a fresh CSP nonce for each page
// render and the security headers on the answer. Next reads the nonce from the request's
// Content-Security-Policy header and puts it on the scripts it renders. /api is left out: Next
// buffers the body of every request that goes through the proxy and waits for all of it before
// the route runs, which would defeat the routes' streaming body limits; next.config.js gives API
// answers their (static) headers and server.ts adds HSTS.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env.ts";
import { newNonce, securityHeaders } from "@/lib/http/security-headers.ts";

/** Not documents: the policy that allows nothing (/metrics; /api when called outside the matcher). */
const API = /^\/(?:api|metrics)(?:\/|$)/;

export function proxy(request: NextRequest) {
  const config = env();
  const page = !API.test(request.nextUrl.pathname);
  const nonce = page ? newNonce() : undefined;
  const headers = securityHeaders({
    nonce,
    https: config.publicUrl.startsWith("https://"),
    dev: config.NODE_ENV !== "production",
  });
  const forwarded = new Headers(request.headers);
  if (nonce) {
    forwarded.set("x-nonce", nonce);
    forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
  }
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output is immutable and never a document; next.config.js gives it and /api the headers.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
