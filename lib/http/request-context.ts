// Who is calling from where, for audit entries and the blocked-address checks. The server sets
// x-securenet-client-ip on every request from the socket (or, behind trusted proxies, from
// X-Forwarded-For), replacing whatever a client sent under that name.
import { randomUUID } from "node:crypto";
import ipaddr from "ipaddr.js";
import type { RequestContext } from "@/lib/audit/record.ts";
import type { ProxyTrust } from "@/lib/env.ts";

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

/** An address in its canonical text (IPv4-mapped IPv6 as IPv4), or null when the entry is not one. */
function canonicalAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value).toString();
  if (!ipaddr.IPv6.isValid(value)) return null;
  const v6 = ipaddr.IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
}

function trusted(address: string, proxies: Extract<ProxyTrust, { proxies: unknown }>["proxies"]): boolean {
  const parsed = ipaddr.parse(address);
  return proxies.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/**
 * The client address as seen by the server. Behind trusted proxies it is the rightmost hop of
 * X-Forwarded-For no trusted proxy vouches for: with a count of N proxies, the N-th entry from the
 * right (each proxy appends the address it saw, so everything further left is the client's own
 * say); with a list of proxies, the first address from the right that is not one of them. A
 * malformed entry ends the walk at the hop that passed it on.
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string | null {
  const peer = remoteAddress ? canonicalAddress(remoteAddress) : null;
  if (!trust || !peer || !forwardedFor) return peer;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").reverse();
  const hops = [peer];
  for (const entry of entries) {
    const address = canonicalAddress(entry);
    if (!address) break;
    hops.push(address);
  }
  if ("hops" in trust) return hops[Math.min(trust.hops, hops.length - 1)]!;
  let i = 0;
  while (i < hops.length - 1 && trusted(hops[i]!, trust.proxies)) i++;
  return hops[i]!;
}

/** Keeps a caller's correlation id when it is a plain token, else makes one; every request has one. */
export function requestIdFrom(given: string | string[] | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}
