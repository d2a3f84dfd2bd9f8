// A URL's host read the way the server-side URL parser and resolver read it, to tell whether a
// request to it stays inside the server's own network. IPv4 in every notation inet_aton and the
// WHATWG URL parser accept (decimal 2130706433, octal 0177.0.0.1, hex 0x7f.1, shortened 127.1),
// IPv6 (loopback, unspecified, link-local, unique-local, IPv4-mapped and -translated forms), and
// DNS names that resolve to this machine or the cloud's metadata service by design.

/** An IPv4 address as inet_aton reads it (1 to 4 parts, each decimal, 0-octal or 0x-hex; the last fills the rest), or null. */
export function parseIpv4(host: string): number | null {
  if (host.length === 0 || host.length > 64) return null;
  const parts = host.endsWith(".") ? host.slice(0, -1).split(".") : host.split(".");
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part, 8);
    else if (/^\d+$/.test(part)) value = parseInt(part, 10);
    else return null;
    if (!Number.isFinite(value)) return null;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return null;
  return values.reduce((acc, v, i) => acc + v * 256 ** (3 - i), 0) + last;
}

/** Whether a host written as IPv4 uses anything but four plain decimal parts: a disguise browsers never send. */
export const obfuscatedIpv4 = (host: string) => parseIpv4(host) !== null && !/^(?:\d{1,3}\.){3}\d{1,3}$/.test(host);

type Range = [base: number, bits: number, what: string];
const ip = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;
/** Address blocks a server reaches without leaving its own network (RFC 6890 special-purpose blocks). */
const INTERNAL_V4: Range[] = [
  [ip(169, 254, 169, 254), 32, "cloud metadata"],
  [ip(100, 100, 100, 200), 32, "cloud metadata"],
  [ip(192, 0, 0, 192), 32, "cloud metadata"],
  [ip(127, 0, 0, 0), 8, "loopback"],
  [ip(0, 0, 0, 0), 8, "this host"],
  [ip(10, 0, 0, 0), 8, "private"],
  [ip(172, 16, 0, 0), 12, "private"],
  [ip(192, 168, 0, 0), 16, "private"],
  [ip(169, 254, 0, 0), 16, "link-local"],
  [ip(100, 64, 0, 0), 10, "shared address space"],
  [ip(192, 0, 0, 0), 24, "IETF protocol"],
  [ip(198, 18, 0, 0), 15, "benchmarking"],
];

export function internalV4(address: number): string | null {
  for (const [base, bits, what] of INTERNAL_V4) {
    const size = 2 ** (32 - bits);
    if (address >= base && address < base + size) return what;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail), or null. */
export function parseIpv6(text: string): number[] | null {
  let host = text.replace(/%.*$/, "");
  if (host.length < 2 || host.length > 64 || !/^[0-9a-f:.]+$/.test(host)) return null;
  const dotted = /:((?:\d{1,3}\.){3}\d{1,3})$/.exec(host);
  if (dotted) {
    const v4 = parseIpv4(dotted[1]!);
    if (v4 === null) return null;
    host = `${host.slice(0, dotted.index + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = host.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  return [...head, ...Array<string>(missing).fill("0"), ...rest].map((g) => parseInt(g, 16));
}

export function internalV6(groups: number[]): string | null {
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroUpTo(7) && groups[7]! <= 1) return groups[7] === 1 ? "loopback" : "this host";
  const v4 = groups[6]! * 65536 + groups[7]!;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  if ((zeroUpTo(5) && (groups[5] === 0xffff || groups[5] === 0)) || (groups[0] === 0x64 && groups[1] === 0xff9b))
    return internalV4(v4);
  if ((groups[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((groups[0]! & 0xfe00) === 0xfc00)
    return groups[0] === 0xfd00 && groups[7] === 0x254 ? "cloud metadata" : "unique-local";
  return null;
}

/** Names the platform resolves to this machine, its container host, the cluster or the metadata service. */
const INTERNAL_NAME =
  /^(?:localhost|localhost\.localdomain|localhost[46]|ip6-(?:localhost|loopback)|ipv6-localhost|metadata|instance-data|kubernetes(?:\.default(?:\.svc)?)?|broadcasthost)$|\.(?:localhost|internal|local|localdomain|cluster\.local|svc|home\.arpa)$/;
/** Public wildcard DNS that answers any name under it with the address written in the name (127.0.0.1.nip.io) or with loopback. */
const REBINDING_DOMAIN =
  /(?:^|\.)(?:nip\.io|sslip\.io|xip\.io|traefik\.me|localtest\.me|lvh\.me|vcap\.me|lacolhost\.com|readme\.localtest\.me|1u\.ms|fbi\.com|localh\.st|127-0-0-1\.org\.uk|spoofed\.burpcollaborator\.net)$/;
const METADATA_NAME =
  /^(?:metadata\.google\.internal|metadata\.goog|metadata\.azure\.com|instance-data\.ec2\.internal|metadata\.(?:packet\.net|platformequinix\.com)|metadata\.tencentyun\.com|100-100-100-200\.\w+)$/;

export interface HostVerdict {
  /** What the host is: "loopback", "private", "cloud metadata", "internal name"… */
  what: string;
  /** Written in a notation meant to slip past a filter (decimal, octal, hex, shortened IPv4; IPv4 inside IPv6). */
  disguised: boolean;
}

/** Whether a host (lower case, no port, brackets kept for IPv6) is inside the server's network, and how it is written. */
export function internalHost(raw: string): HostVerdict | null {
  const host = raw.replace(/\.+$/, "");
  if (host.startsWith("[")) {
    const groups = parseIpv6(host.slice(1, host.endsWith("]") ? -1 : undefined));
    const what = groups && internalV6(groups);
    return what ? { what, disguised: /\./.test(host) || /ffff/.test(host) } : null;
  }
  if (host.includes(":")) {
    const groups = parseIpv6(host);
    const what = groups && internalV6(groups);
    return what ? { what, disguised: true } : null;
  }
  const v4 = parseIpv4(host);
  if (v4 !== null) {
    const what = internalV4(v4);
    return what ? { what, disguised: obfuscatedIpv4(host) } : null;
  }
  if (METADATA_NAME.test(host)) return { what: "cloud metadata", disguised: false };
  if (INTERNAL_NAME.test(host)) return { what: "internal name", disguised: false };
  // 10.0.0.1.nip.io, 10-0-0-1.sslip.io, localtest.me: names made to resolve to an address the attacker picks.
  if (REBINDING_DOMAIN.test(host)) return { what: "wildcard DNS", disguised: true };
  return null;
}
