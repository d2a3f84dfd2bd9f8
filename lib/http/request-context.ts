// Who is calling from where, for audit entries. The server sets x-securenet-client-ip from the
// socket (or from X-Forwarded-For when SECURENET_TRUST_PROXY is on) and drops any client copy.
import { randomUUID } from "node:crypto";
import type { RequestContext } from "@/lib/audit/record.ts";

export const CLIENT_IP_HEADER = "x-securenet-client-ip";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function requestContext(headers: HeaderSource, requestId?: string | null): RequestContext {
  return {
    sourceIp: header(headers, CLIENT_IP_HEADER),
    userAgent: header(headers, "user-agent"),
    requestId: requestId ?? header(headers, "x-request-id"),
  };
}

/** The client address as seen by the server, honouring a trusted proxy's X-Forwarded-For. */
export function clientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string | null {
  const forwarded = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const ip = trustProxy && forwarded ? forwarded.split(",")[0]!.trim() : remoteAddress;
  return ip ? ip.replace(/^::ffff:/, "") : null;
}

/** Keeps a caller's correlation id when it is a plain token, else makes one; every request has one. */
export function requestIdFrom(given: string | string[] | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}
