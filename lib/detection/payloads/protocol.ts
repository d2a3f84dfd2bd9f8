// Protocol attacks carried in request values: a second request line smuggled in (request
// smuggling), CR/LF followed by a header or a response (header injection, response splitting), a
// newline in the URL path, <meta http-equiv> headers injected into a page, Content-Type
// confusion, old-style cookies ($Version) used to smuggle cookie values, and LDAP
// filter break-outs, which the OWASP CRS files with protocol attacks; LDAP reports as "other".
import type { Input } from "./inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const METHODS = "get|post|head|put|delete|options|patch|connect|trace|propfind|proppatch|mkcol|copy|move|lock|unlock";
const requestLine = new RegExp(String.raw`(?:${METHODS})\s+(?:\/|https?:\/\/)\S{0,2048}\s+http\/\d(?:\.\d)?\b`);
const HEADERS =
  "content-length|content-type|content-disposition|content-encoding|transfer-encoding|set-cookie|cookie|location|refresh|host|connection|upgrade|remote-addr|x-forwarded-for|x-forwarded-host|x-real-ip|x-original-url|x-rewrite-url|access-control-allow-[\\w-]+|cache-control|expires|last-modified|etag|www-authenticate|authorization|proxy-authorization|link|x-xss-protection|content-security-policy";
/**
 * A line break, then a header name or, after a blank line, a response. Linear on runs of line
 * breaks: blanks after the first break exclude breaks (the match starts at the last one), and the
 * blank line is looked for behind the response, once per "<" or "http".
 */
const injectedHeader = new RegExp(
  String.raw`[\r\n][^\S\r\n]*(?:${HEADERS})[\r\n\t ]*:|<(?<=(?:\r?\n){2}\s*<)\s*(?:html|body|script)|h(?<=(?:\r?\n){2}\s*h)ttp\/\d`,
);
/** ")(uid=*", "*)!(sn=", ")(|", ")&(cn=": closing the application's filter and opening one of ours. A value that is a whole filter, "(…)", is an LDAP tool at work, not a break-out. */
const ldapBreakout = /\)\s*(?:[&|!]\s*)?\(\s*(?:[&|!]|[\w-]{1,40}\s*[~<>]?=|\)|$)/;

/** A raw multipart body: its parts carry headers by design. */
const multipartBody = (i: Input) =>
  i.field === "http.request.body.content" && i.part === "" && /^\s*-{2,}[^\r\n]{1,200}\r?\n\s*content-/.test(i.decoded);
const path = (i: Input) => i.field === "url.original" && i.part === "path";

/** HTML that makes the browser act on a header the server never sent: a redirect, a cookie, a policy. */
const metaHeader =
  /<\s*meta\b[^>]{0,200}\bhttp-equiv\s*=\s*(?:["'`]\s*)?(?:refresh|set-cookie|location|content-security-policy|content-type)\b/;

const MEDIA_TYPE = String.raw`(?:application|text|multipart|image|audio|video|message|model|font)\/[\w.+-]+`;
const mediaTypeParameter = new RegExp(
  String.raw`(\w[\w-]*)\s*=\s*(?:["']\s*)?${MEDIA_TYPE}\s*(?:["']\s*)?(?:;|$)`,
  "g",
);
/**
 * A Content-Type that names a second media type in its parameters: a boundary on a form or JSON
 * body, or a boundary that is itself a media type. Body parsers and the rules that pick one by
 * Content-Type then disagree on what the body is. (multipart/related's type= parameter is the
 * standard way to name the root part's type and is left alone.)
 */
function confusedContentType(i: Input): string | null {
  if (i.field !== "http.request.headers" || i.part.toLowerCase() !== "content-type") return null;
  const main = /^\s*([\w.+-]+)\/[\w.+-]+\s*;/.exec(i.decoded)?.[1];
  if (!main) return null;
  for (const m of i.decoded.matchAll(mediaTypeParameter)) {
    const name = m[1]!;
    if (name === "boundary" || (main !== "multipart" && name !== "type")) return m[0];
  }
  return null;
}

export const PROTOCOL: PayloadDetector[] = [
  {
    id: "sn-proto-request-smuggling",
    title: "Protocol attack: HTTP request line inside a value (request smuggling)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (path(i) ? null : (requestLine.exec(i.decoded)?.[0] ?? null)),
  },
  {
    id: "sn-proto-header-injection",
    title: "Protocol attack: CR/LF followed by a header or a response (header injection, response splitting)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (multipartBody(i) ? null : (injectedHeader.exec(i.decoded)?.[0] ?? null)),
  },
  {
    id: "sn-proto-meta-http-equiv",
    title: "Protocol attack: injected <meta http-equiv> acting as a response header (redirect, cookie)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => metaHeader.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-proto-content-type-confusion",
    title: "Protocol attack: Content-Type naming a second media type (body parser confusion)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["http.request.headers"],
    match: confusedContentType,
  },
  {
    id: "sn-proto-path-newline",
    title: "Protocol attack: line break in the URL path",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original"],
    match: (i) => (path(i) && /[\r\n]/.test(i.decoded) ? i.decoded : null),
  },
  {
    id: "sn-proto-cookie-version",
    title: "Protocol attack: old-style cookie ($Version) that can smuggle cookie values",
    category: "protocol",
    points: 3,
    technique: WEB,
    paranoia: 1,
    fields: ["http.request.cookie"],
    match: (i) => (/^\s*\$version#name$/i.test(i.part) ? "$Version" : null),
  },
  {
    id: "sn-ldap-injection",
    title: "LDAP injection: filter break-out",
    category: "other",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (path(i) || /^\s*\(/.test(i.decoded) ? null : (ldapBreakout.exec(i.decoded)?.[0] ?? null)),
  },
  {
    id: "sn-ssrf-proxy-unix-socket",
    title: "SSRF: proxy to a Unix socket then a URL (mod_proxy)",
    category: "ssrf",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original"],
    match: (i) => /\bunix:[^|]{0,8192}\|\s*(?:https?|h2c?|wss?|fcgi|ajp|uwsgi|scgi):\/\//.exec(i.decoded)?.[0] ?? null,
  },
];
