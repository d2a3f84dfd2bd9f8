// Open redirect: a value the application may send back in a Location header or assign to
// window.location that leaves the site. Browsers read "//host", "/\host", "\\host", "\/\/host"
// and tab- or newline-broken slashes as a link to another host, and "https:host" (no slashes) as
// an absolute URL; "https://own.example@evil.example" goes to evil.example. A plain URL to another
// site counts only in a parameter named for a redirect and when the site's own name is known.
import { isOwnHost } from "@/lib/detection/payloads/own-site.ts";
import { parseIpv4 } from "./host.ts";
import { parseUrl } from "./parse.ts";

/** Parameter names that say "where to send the browser next". Generic ones (url, to, target) are as often links to share or fetch. */
const REDIRECT_NAME =
  /^(?:next|dest|destination|goto|continue|forward|rurl|redirect|redir|redirect_?(?:url|to|path|after\w*)|return|return_?(?:url|to|path)|returnto|back_?url|success_?url|failure_?url|cancel_?url|login_?redirect|logout_?redirect|after_?login\w*|post_?login\w*)$/;
/** A host a browser would go to: a dotted name with a letter label at the end, an IP literal, or an IPv6 literal. */
const hostLike = (host: string) =>
  /^[a-z0-9\u00a1-\uffff-]+(?:\.[a-z0-9\u00a1-\uffff-]+)*\.[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]*$/.test(host) ||
  parseIpv4(host) !== null ||
  host.startsWith("[");

export function redirectTarget(decoded: string, name: string, own: string[], inUrlPath: boolean): string | null {
  // Browsers drop tabs and line breaks inside URLs, read "\\" as "/", and IDNA maps ideographic full stops to ".".
  let text = decoded
    .replace(/[\t\n\r]/g, "")
    .replace(/^[\x00-\x20]+/, "")
    .replace(/[\u3002\uff0e\uff61]/g, ".");
  // "/https://evil.example", "//https:///evil.example": slashes in front of a whole URL, which
  // path-joining redirects and lenient parsers drop.
  const prefixed = /^[/\\]+(?=[a-z][a-z0-9+.-]{1,10}:[/\\])/.exec(text);
  if (prefixed) text = text.slice(prefixed[0].length);
  else if (inUrlPath && !/^[/\\]{2}/.test(text) && !/^\/[/\\]*\\/.test(text)) return null;
  const redirectName = REDIRECT_NAME.test(name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase());
  // A bare host name in a redirect parameter ("?next=evil.example"): the application adds the scheme.
  if (redirectName && own.length > 0 && hostLike(text) && !isOwnHost(text, own)) return text.slice(0, 120);
  const url = parseUrl(text);
  if (!url || !(url.scheme === "" || url.scheme === "http" || url.scheme === "https")) return null;
  const host = url.hosts[0];
  if (host === undefined || !hostLike(host)) return null;
  const offsite = url.hosts.some((h) => hostLike(h) && !isOwnHost(h, own));
  if (!offsite) return null;
  const evidence = text.slice(0, 120);
  // Protocol-relative, backslash-confused, or a scheme without its two slashes: no ordinary link looks like this.
  if (prefixed || url.scheme === "" || url.slashes !== "//") return evidence;
  if (url.userinfo) return evidence;
  if (own.length > 0 && redirectName && !inUrlPath) return evidence;
  return null;
}
