// Which header fields, written after a line break, make a response or an intermediary act
// (RFC 9110, RFC 6265 cookies, RFC 6454 origins, Fetch's CORS headers, the de-facto proxy
// headers), and when such a line is a header rather than prose. Most of these field names
// (Set-Cookie, Content-Type, X-Forwarded-For) are no English word a line of text starts with: the
// name alone is enough. Those that are words (Location, Host, Via, Link, Origin, Cookie, Refresh)
// count only when the value has the field's grammar: "Location: Berlin" on a line of a pasted
// profile is not a redirect, nor "Host: Ann" in a meeting note, but "Location: https://x/",
// "Location: evil.example" and "Host: 10.0.0.1:80" are.

const URI = /^(?:[a-z][a-z0-9+.-]*:\/\/?\S|\/\S*$|[^\s/]*\.[a-z][^\s]*$)/;
const HOST =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})(?::\d{1,5})?$/;
const COOKIE = /^[a-z0-9!#$%&'*+.^_`|~-]+=/;
const DATE = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,\s*\d{1,2}[ -][a-z]{3}[ -]\d{2,4}\s+\d\d:\d\d/;

/** Field names that are words of prose too, with the grammar their value must have. */
const WORD_FIELDS: Record<string, RegExp> = {
  location: URI,
  "content-location": URI,
  origin: URI,
  link: /^<[^>]*>/,
  host: HOST,
  via: /^(?:https?\/)?\d(?:\.\d)?\s+\S/,
  forwarded: /^(?:for|by|host|proto)\s*=/,
  refresh: /^\d+\s*(?:[;,]|$)/,
  cookie: COOKIE,
  expires: DATE,
  range: /^bytes\s*=/,
  connection: /^(?:close|keep-alive|upgrade|te)\b/,
  upgrade: /^(?:h2c|websocket|http\/)/,
  te: /^(?:trailers|chunked|gzip|deflate)\b/,
  trailer: /^[a-z0-9-]+$/,
  expect: /^100-continue$/,
  authorization: /^(?:basic|digest|bearer|negotiate|ntlm|aws4-hmac-sha256)\s+\S/,
};

/** Field names no line of prose starts with: the name and a colon after a line break are the header. */
const FIELD_NAMES = new Set(
  (
    "set-cookie set-cookie2 content-type content-length content-disposition content-encoding content-range " +
    "content-security-policy content-security-policy-report-only transfer-encoding x-xss-protection " +
    "x-frame-options x-content-type-options strict-transport-security cache-control last-modified etag " +
    "www-authenticate proxy-authenticate proxy-authorization proxy-connection keep-alive x-accel-redirect " +
    "x-accel-buffering x-sendfile x-powered-by referer x-host x-forwarded-host x-forwarded-server " +
    "x-forwarded-for x-forwarded-proto x-forwarded-port x-forwarded-scheme x-forwarded-prefix x-real-ip " +
    "x-client-ip x-remote-ip x-remote-addr x-originating-ip x-cluster-client-ip true-client-ip " +
    "cf-connecting-ip remote-addr x-original-url x-rewrite-url x-http-method-override x-http-method " +
    "x-method-override x-forwarded x-csrf-token x-requested-with forwarded-for forwarded-host forwarded-server " +
    "remote-ip remote-host originating-ip client-ip x-remote-host"
  ).split(" "),
);

/**
 * True when `name: value` is a header field a response or proxy acts on. `nameOnly`: the line
 * stood where no line break belongs (a URL, a cookie, a header) or its value was cut off (a
 * parameter name ends at "="), so the name decides.
 */
export function actsOn(name: string, value: string, nameOnly = false, oneLine = false): boolean {
  if (FIELD_NAMES.has(name) || name.startsWith("access-control-")) return true;
  if (!Object.hasOwn(WORD_FIELDS, name)) return false;
  return nameOnly || WORD_FIELDS[name]!.test(value.slice(0, 256)) || (oneLine && /^[^\s,]+$/.test(value));
}
