// Where a webhook may go: public unicast addresses only, unless an admin allowed the host name or
// address range (SECURENET_WEBHOOK_ALLOWED_HOSTS). Loopback, private, CGNAT, link-local (the cloud
// metadata address), unspecified, multicast, broadcast and reserved addresses are refused, as are
// IPv6 forms that carry one of them (v4-mapped, v4-compatible, NAT64, 6to4). Host spellings are
// the WHATWG URL parser's (new URL() turns 2130706433, 0177.0.0.1, 0x7f.1 and 127.1 into
// 127.0.0.1), so only the canonical forms are classified here.
import ipaddr from "ipaddr.js";

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [Address, number];

export interface WebhookAllowList {
  /** Host names (lower case, no trailing dot) whose every address is allowed. */
  hosts: string[];
  /** Address ranges allowed even where internal. */
  cidrs: Cidr[];
}

export const NO_ALLOW_LIST: WebhookAllowList = { hosts: [], cidrs: [] };

/** An IPv4 address carried inside an IPv6 one, for the forms that route to that IPv4 address. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = address.range();
  if (range === "ipv4Mapped" || range === "rfc6145") return v4(p[6]!, p[7]!);
  // 64:ff9b::/96 only; the local-use 64:ff9b:1::/48 stays "rfc6052" and is refused as it is.
  if (range === "rfc6052" && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) return v4(p[6]!, p[7]!);
  if (range === "6to4") return v4(p[1]!, p[2]!);
  // Deprecated v4-compatible ::a.b.c.d (:: and ::1 are already unspecified and loopback).
  if (range === "unicast" && p.slice(0, 6).every((part) => part === 0)) return v4(p[6]!, p[7]!);
  return null;
}

/** The special-purpose range an address is in ("loopback", "private", "linkLocal", …), or null for public unicast. */
export function internalRange(address: Address): string | null {
  if (address.kind() === "ipv6") {
    const embedded = embeddedIPv4(address as ipaddr.IPv6);
    if (embedded) return internalRange(embedded);
  }
  const range = address.range();
  return range === "unicast" ? null : range;
}

/** The address a URL's host names literally (IPv6 in brackets), or null for a domain name. */
export function literalAddress(hostname: string): Address | null {
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const inner = hostname.slice(1, -1);
    return ipaddr.IPv6.isValid(inner) ? ipaddr.IPv6.parse(inner) : null;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(hostname) ? ipaddr.IPv4.parse(hostname) : null;
}

/** Parses an address as a resolver or socket reports it (no brackets), or null. */
export function parseAddress(value: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  return ipaddr.IPv6.isValid(value) ? ipaddr.IPv6.parse(value) : null;
}

export function inCidrs(address: Address, cidrs: Cidr[]): boolean {
  const forms = [address];
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress())
    forms.push((address as ipaddr.IPv6).toIPv4Address());
  return forms.some((a) => cidrs.some(([range, bits]) => range.kind() === a.kind() && a.match(range, bits)));
}

export function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** Why a webhook may not be sent to this address for this host, or null when it may. */
export function addressProblem(address: Address, hostname: string, allow: WebhookAllowList): string | null {
  if (allow.hosts.includes(normalHost(hostname)) || inCidrs(address, allow.cidrs)) return null;
  const range = internalRange(address);
  return range
    ? `points at an internal address (${range}); an admin can allow it in SECURENET_WEBHOOK_ALLOWED_HOSTS`
    : null;
}

/**
 * Why a webhook URL may not be saved, judged on its literal host (a name is resolved, and each of
 * its addresses judged, when the webhook is sent): an internal address, or localhost by name.
 */
export function urlHostProblem(url: URL, allow: WebhookAllowList): string | null {
  const host = normalHost(url.hostname);
  const literal = literalAddress(host);
  if (literal) return addressProblem(literal, host, allow);
  if (isLocalhostName(host) && !allow.hosts.includes(host))
    return "points at this machine (localhost); an admin can allow it in SECURENET_WEBHOOK_ALLOWED_HOSTS";
  return null;
}
