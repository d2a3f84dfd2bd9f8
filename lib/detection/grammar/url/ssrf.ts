// Server-side request forgery: a URL (any scheme with an authority) whose host, as one of the
// server's URL parsers reads it (parse.ts), is this machine, its private network or the cloud
// metadata service (host.ts); a metadata path on any host (names can be aliased in DNS); gopher
// and dict, whose only use in a parameter is to speak raw TCP to an internal service.
import { internalHost, parseIpv4 } from "./host.ts";
import { parseUrl, urlStarts } from "./parse.ts";

/** Paths of the metadata services of AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean, Alibaba. */
const METADATA_PATH =
  /^\/(?:latest\/(?:meta-data|user-data|dynamic|api\/token)|computemetadata\/v1|metadata\/(?:instance|identity|v1|scheduledevents)|openstack\/latest|\d{4}-\d\d-\d\d\/(?:meta-data|user-data)|opc\/v[12]\/|v1\/(?:meta-data|instance))/;
/** Schemes whose only use in a request value is to talk to a raw TCP service. */
const RAW_SOCKET = /^(?:gopher|dict|tftp|ldap|ldaps)$/;

/** A URL-less host at the start of a value, with a port or a path after it: "127.1:6379", "localhost/admin". */
const BARE_HOST = /^\s*(\[[0-9a-f:.]{2,45}\]|[a-z0-9][a-z0-9.-]{0,250})(:\d{1,5})?([/?#]|$)/;

export interface SsrfFinding {
  evidence: string;
  /** Found by the host's name (cluster, container, wildcard DNS) or written without a scheme ("127.1:6379"), rather than as an address, a metadata path or a raw-socket scheme. */
  bare: boolean;
}

export function ssrfTarget(decoded: string, inUrlPath: boolean): SsrfFinding | null {
  if (!decoded.includes("/") && !decoded.includes(":") && !decoded.includes("\\")) return null;
  for (const start of urlStarts(decoded)) {
    const text = decoded.slice(start);
    const url = parseUrl(text);
    if (!url || (url.scheme === "" && start > 0)) continue;
    if (url.scheme === "" && inUrlPath) continue;
    // Inside running text, plain "localhost" is talk about development; disguised and metadata addresses are not.
    const prose = start > 0 && /\s/.test(decoded.slice(0, start)) && !inUrlPath;
    const evidence = { evidence: text.slice(0, 120).split(/\s/)[0]!, bare: false };
    for (const host of url.hosts) {
      const verdict = internalHost(host);
      if (verdict && (!prose || verdict.disguised || verdict.what === "cloud metadata"))
        return {
          ...evidence,
          bare: (verdict.what === "internal name" && host !== "localhost") || verdict.what === "wildcard DNS",
        };
    }
    if (start === 0 && RAW_SOCKET.test(url.scheme)) return evidence;
    if (METADATA_PATH.test(url.rest)) return evidence;
  }
  if (inUrlPath) return null;
  const bare = BARE_HOST.exec(decoded);
  if (!bare) return null;
  const [whole, host, port, after] = bare as unknown as [string, string, string | undefined, string];
  if (!port && after === "") return null;
  const verdict = internalHost(host);
  if (!verdict) return null;
  // A private address alone ("10.0.0.5/24") is an ordinary setting, and a number before a slash a fraction.
  if (parseIpv4(host) !== null && !(port || /^(?:\d{1,3}\.){3}\d{1,3}$/.test(host))) return null;
  if (verdict.what === "private" && !verdict.disguised) return null;
  if (verdict.what === "this host" && host !== "0.0.0.0") return null;
  return { evidence: whole.trim(), bare: true };
}
