// A URL read the way server-side URL parsers read it, which do not agree: the WHATWG parser
// (Node, browsers) treats "\" as "/" in http(s), ftp, ws(s) and file URLs, takes the host after the
// last "@" of the authority and ignores any number of slashes after a special scheme; RFC 3986
// parsers (Python, Go, PHP's parse_url, curl) keep "\" in the authority and stop it at "/", "?" or
// "#". A validator and a fetcher on different parsers see different hosts; each reading's host is
// a candidate, and an attack needs only one of them to reach where it should not.

export interface ParsedUrl {
  scheme: string;
  /** Slashes (or backslashes) between the scheme and the authority. */
  slashes: string;
  /** The host each parser reading sees, lower case, port and trailing dots removed (IPv6 keeps its brackets). */
  hosts: string[];
  /** The authority carried a user part ("good.example@evil.example"). */
  userinfo: boolean;
  /** The text after the authority (path, query, fragment) in the WHATWG reading. */
  rest: string;
}

export const SPECIAL = new Set(["http", "https", "ftp", "ws", "wss", "file"]);
const MAX_AUTHORITY = 512;

function hostOf(authority: string): string {
  const at = authority.lastIndexOf("@");
  let host = at >= 0 ? authority.slice(at + 1) : authority;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end >= 0 ? host.slice(0, end + 1) : host;
  }
  const colon = host.indexOf(":");
  if (colon >= 0) host = host.slice(0, colon);
  return host.replace(/\.+$/, "");
}

/** The URL at the start of `text` (already decoded, lower case), or null when it does not start with a scheme or "//". */
export function parseUrl(text: string): ParsedUrl | null {
  // WHATWG drops tabs and line breaks anywhere and blanks and controls around the URL.
  const url = text.replace(/^[\x00-\x20]+/, "").replace(/[\t\n\r]/g, "");
  const head = /^([a-z][a-z0-9+.-]{0,30}):/.exec(url);
  const scheme = head ? head[1]! : "";
  let after = head ? url.slice(head[0].length) : url;
  if (scheme === "jar" || scheme === "view-source" || scheme === "feed" || scheme === "netdoc") {
    const inner = parseUrl(after);
    if (inner) return { ...inner, scheme: `${scheme}:${inner.scheme}` };
  }
  const special = scheme === "" || SPECIAL.has(scheme);
  const slashes = (special ? /^[/\\]*/ : /^\/*/).exec(after)![0];
  if (!head && slashes.length < 2) return null;
  // Non-special schemes need "//" for an authority (gopher://, dict://, ldap://); special ones take any.
  if (!special && slashes.length < 2) return null;
  after = after.slice(slashes.length, slashes.length + MAX_AUTHORITY + 1);
  const whatwgEnd = after.search(special ? /[/\\?#]/ : /[/?#]/);
  const rfcEnd = after.search(/[/?#]/);
  const whatwg = whatwgEnd < 0 ? after : after.slice(0, whatwgEnd);
  const rfc = rfcEnd < 0 ? after : after.slice(0, rfcEnd);
  const hosts = new Set([hostOf(whatwg), hostOf(rfc)]);
  // "http://evil.example#@good.example": a parser that looks for "@" before "#" reads the host after it.
  const firstAt = after.indexOf("@");
  if (firstAt >= 0) {
    const past = after.slice(firstAt + 1);
    const end = past.search(/[/\\?#]/);
    hosts.add(hostOf(end < 0 ? past : past.slice(0, end)));
  }
  hosts.delete("");
  return {
    scheme,
    slashes,
    hosts: [...hosts],
    userinfo: whatwg.includes("@") || rfc.includes("@"),
    rest: whatwgEnd < 0 ? "" : after.slice(whatwgEnd),
  };
}

/** Where URLs start inside a value: its start, and each "scheme://" after a character that cannot be part of a scheme. */
export function urlStarts(text: string, max = 8): number[] {
  const starts: number[] = [0];
  let from = 0;
  while (starts.length < max) {
    const at = text.indexOf("://", from);
    if (at < 0) break;
    let start = at;
    while (start > 0 && start > at - 30 && /[a-z0-9+.-]/.test(text[start - 1]!)) start--;
    if (start > 0 && start < at) starts.push(start);
    from = at + 3;
  }
  return starts;
}
