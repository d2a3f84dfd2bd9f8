// Protocol attacks carried in request values: a newline in the URL path, <meta http-equiv> headers injected into a page,
// Content-Type confusion, old-style cookies ($Version) used to smuggle cookie values. A second
// request or a header block after CR/LF, and the request head's own framing, are read by the
// HTTP message grammar (lib/detection/grammar/http/); mail lines and LDAP filter break-outs by
// grammar/mail/ and grammar/ldap/.
import type { Input } from "./inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

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
