// Runs before every page and API route (Next 16's proxy, formerly middleware): a fresh CSP nonce
// for each page render and the security headers on every answer. Next reads the nonce from the
// request's Content-Security-Policy header and puts it on the scripts it renders.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env.ts";
import { newNonce, securityHeaders } from "@/lib/http/security-headers.ts";

const API = /^\/(?:api|metrics)(?:\/|$)/;

export function proxy(request: NextRequest) {
  const config = env();
  const page = !API.test(request.nextUrl.pathname);
  const nonce = page ? newNonce() : undefined;
  const headers = securityHeaders({ nonce, https: config.publicUrl.startsWith("https://"), dev: config.NODE_ENV !== "production" });
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
  // Static build output is immutable and never a document; next.config.js gives it the basic headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
