// Protocol attacks carried in request values: a second request line smuggled in (request
// smuggling), CR/LF followed by a header or a response (header injection, response splitting), a
// newline in the URL path, old-style cookies ($Version) used to smuggle cookie values, and LDAP
// filter break-outs, which the OWASP CRS files with protocol attacks; LDAP reports as "other".
import type { Input } from "./inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const METHODS = "get|post|head|put|delete|options|patch|connect|trace|propfind|proppatch|mkcol|copy|move|lock|unlock";
const requestLine = new RegExp(String.raw`(?:${METHODS})\s+(?:\/|https?:\/\/)\S{0,2048}\s+http\/\d(?:\.\d)?\b`);
const HEADERS = "content-length|content-type|content-disposition|content-encoding|transfer-encoding|set-cookie|cookie|location|refresh|host|connection|upgrade|remote-addr|x-forwarded-for|x-forwarded-host|x-real-ip|x-original-url|x-rewrite-url|access-control-allow-[\\w-]+|cache-control|expires|last-modified|etag|www-authenticate|authorization|proxy-authorization|link|x-xss-protection|content-security-policy";
const injectedHeader = new RegExp(String.raw`[\r\n]\s*(?:${HEADERS})[\r\n\t ]*:|(?:\r?\n){2}\s*(?:<\s*(?:html|body|script)|http\/\d)`);
/** ")(uid=*", "*)!(sn=", ")(|", ")&(cn=": closing the application's filter and opening one of ours. A value that is a whole filter, "(…)", is an LDAP tool at work, not a break-out. */
const ldapBreakout = /\)\s*[&|!]?\s*\(\s*(?:[&|!]|[\w-]{1,40}\s*[~<>]?=|\)|$)/;

/** A raw multipart body: its parts carry headers by design. */
const multipartBody = (i: Input) => i.field === "http.request.body.content" && i.part === "" && /^\s*-{2,}[^\r\n]{1,200}\r?\n\s*content-/.test(i.decoded);
const path = (i: Input) => i.field === "url.original" && i.part === "path";

export const PROTOCOL: PayloadDetector[] = [
  { id: "sn-proto-request-smuggling", title: "Protocol attack: HTTP request line inside a value (request smuggling)", category: "protocol", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => (path(i) ? null : requestLine.exec(i.decoded)?.[0] ?? null) },
  { id: "sn-proto-header-injection", title: "Protocol attack: CR/LF followed by a header or a response (header injection, response splitting)", category: "protocol", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => (multipartBody(i) ? null : injectedHeader.exec(i.decoded)?.[0] ?? null) },
  { id: "sn-proto-path-newline", title: "Protocol attack: line break in the URL path", category: "protocol", points: 4, technique: WEB, paranoia: 1, fields: ["url.original"], match: (i) => (path(i) && /[\r\n]/.test(i.decoded) ? i.decoded : null) },
  { id: "sn-proto-cookie-version", title: "Protocol attack: old-style cookie ($Version) that can smuggle cookie values", category: "protocol", points: 3, technique: WEB, paranoia: 1, fields: ["http.request.cookie"], match: (i) => (/^\s*\$version#name$/i.test(i.part) ? "$Version" : null) },
  { id: "sn-ldap-injection", title: "LDAP injection: filter break-out", category: "other", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => (path(i) || /^\s*\(/.test(i.decoded) ? null : ldapBreakout.exec(i.decoded)?.[0] ?? null) },
  { id: "sn-ssrf-proxy-unix-socket", title: "SSRF: proxy to a Unix socket then a URL (mod_proxy)", category: "ssrf", points: 5, technique: WEB, paranoia: 1, fields: ["url.original"], match: (i) => /\bunix:[^|]{0,8192}\|\s*(?:https?|h2c?|wss?|fcgi|ajp|uwsgi|scgi):\/\//.exec(i.decoded)?.[0] ?? null },
];
