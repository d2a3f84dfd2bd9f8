// The request head itself, as a sensor reports it (http.version, http.request.method, the header
// names and values): the forms RFC 9112 says a recipient must reject or must not trust, because
// two parsers in a chain read them differently (request smuggling, CAPEC-33; WSTG-INPV-15).
// - Transfer-Encoding with Content-Length (RFC 9112 §6.1: a sender must not send both), a
//   Transfer-Encoding that is not a list of codings ending in chunked (§6.3: "chunked " with a tab,
//   "xchunked", "chunked, identity"), a Content-Length that is not one number (§6.3, §8.6).
// - A header value folded onto the next line (obs-fold, §5.2) or holding NUL, CR or LF (RFC 9110
//   §5.5: no line break reaches a field value but by obs-fold); a field name that is not a token (RFC 9110 §5.1: "Transfer-Encoding " with a space).
// - A protocol version that is not HTTP/1.0, 1.1, 2 or 3 (HTTP/0.9 has no headers at all), and a
//   method that is not a token (a whole request line in the method).
// - A multipart body with two boundary parameters, none, or an invalid one.
// - A request target whose scheme is not HTTP's (file:, unix:, gopher: passed on by a proxy).
// - A Range of many or overlapping byte ranges (RFC 9110 §14.2: a server may ignore or reject
//   them; CVE-2011-3192 made servers build one part per range).
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import type { Input } from "../../payloads/inputs.ts";
import { WEB, type PayloadDetector } from "../../payloads/types.ts";
import { boundaryOf } from "../../payloads/multipart-parts.ts";
import { isToken } from "./message.ts";

const HEADERS = "http.request.headers";
const HEAD_FIELDS = [HEADERS, "http.request.cookie", "http.request.referrer", "user_agent.original"] as const;

/** The event's header names, lower case, and their values as sent (the first of a repeated one). */
function headerNames(event: NormalizedEvent | undefined): Map<string, unknown> {
  const headers = (event?.doc as { http?: { request?: { headers?: unknown } } } | undefined)?.http?.request?.headers;
  const out = new Map<string, unknown>();
  if (headers && typeof headers === "object")
    for (const [name, value] of Object.entries(headers))
      if (!out.has(name.toLowerCase())) out.set(name.toLowerCase(), value);
  return out;
}

const CHUNKED_LAST = /^(?:(?:gzip|x-gzip|deflate|compress|x-compress|br|zstd)[ \t]*,[ \t]*)*chunked$/;
const named = (i: Input, name: string) => i.field === HEADERS && i.part.toLowerCase() === name;

function framingConflict(i: Input, _sql: string, event?: NormalizedEvent): string | null {
  if (named(i, "transfer-encoding")) {
    const value = i.raw.trim().toLowerCase();
    if (!CHUNKED_LAST.test(value)) return `Transfer-Encoding: ${value.slice(0, 60)}`;
    if (headerNames(event).has("content-length")) return "Transfer-Encoding with Content-Length";
    return null;
  }
  if (!named(i, "content-length")) return null;
  // Every value sent, joined with ", " or as separate entries (an array, or names in two cases).
  const values = contentLengths(event).flatMap((v) => v.split(",").map((part) => part.trim()));
  if (!values.length) values.push(...i.raw.split(",").map((v) => v.trim()));
  // Repeated identical values may be folded into one (RFC 9110 §8.6); different ones never.
  return values.every((v) => /^\d{1,19}$/.test(v) && v === values[0]) ? null : `Content-Length: ${i.raw.slice(0, 60)}`;
}

/** The Content-Length values of the event's headers, whatever the name's case, arrays unrolled (at most 16). */
function contentLengths(event: NormalizedEvent | undefined): string[] {
  const headers = (event?.doc as { http?: { request?: { headers?: unknown } } } | undefined)?.http?.request?.headers;
  const out: string[] = [];
  if (headers && typeof headers === "object")
    for (const [name, value] of Object.entries(headers))
      if (name.toLowerCase() === "content-length")
        for (const v of Array.isArray(value) ? value : [value]) if (out.length < 16) out.push(String(v));
  return out;
}

/** HTTP/2 and HTTP/3 pseudo-header fields (RFC 9113 §8.3, RFC 8441), which sensors of those protocols may report as headers. */
const PSEUDO_HEADERS = new Set([":method", ":path", ":scheme", ":authority", ":status", ":protocol"]);

function malformedHeader(i: Input): string | null {
  if (i.part === `${i.raw}#name`)
    return i.field === HEADERS && !isToken(i.raw.toLowerCase()) && !PSEUDO_HEADERS.has(i.raw.toLowerCase())
      ? i.raw.slice(0, 60)
      : null;
  // The value as sent, not a layer decoded out of it (a layer's part carries a "#" suffix).
  if (i.part.includes("#")) return null;
  if (/[\r\n][ \t]/.test(i.raw)) return "header value folded onto a new line (obs-fold)";
  // No line break reaches a header value but by obs-fold: one there split the header block.
  if (/[\r\n]/.test(i.raw)) return "line break in a header value";
  if (i.raw.includes("\u0000")) return "NUL in a header value";
  return null;
}

/** The versions there are, as ECS ("1.1"), as the request line ("HTTP/1.1") or as ALPN ("h2") writes them; "-" is a log's "unknown". */
const VERSION = /^(?:(?:http\/)?(?:1\.[01]|2(?:\.0)?|3(?:\.0)?)|h2c?|h3|-|)$/i;

function bytesRanges(value: string): [number, number][] | null {
  const spec = /^\s*bytes\s*=\s*(.*)$/i.exec(value.slice(0, 8192));
  if (!spec) return null;
  const ranges: [number, number][] = [];
  for (const part of spec[1]!.split(",")) {
    const m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(part);
    if (!m) continue;
    const first = m[1] === "" ? -1 : Number(m[1]);
    ranges.push([first, m[2] === "" ? Infinity : Number(m[2])]);
  }
  return ranges;
}

function overlapping(ranges: [number, number][]): boolean {
  const sorted = ranges.filter(([a]) => a >= 0).sort((x, y) => x[0] - y[0]);
  for (let n = 1; n < sorted.length; n++) if (sorted[n]![0] <= sorted[n - 1]![1]) return true;
  return false;
}

/** RFC 2046 §5.1.1 bchars: 1 to 70 of them, not ending in a space. */
const BOUNDARY = /^[0-9a-z'()+_,./:=? -]{0,69}[0-9a-z'()+_,./:=?-]$/i;

/**
 * A multipart body its readers cannot agree on (WAF bypass by body-parser confusion): two boundary
 * parameters, none, or one outside RFC 2046's characters.
 */
function multipartFraming(i: Input, _sql: string, event?: NormalizedEvent): string | null {
  if (!named(i, "content-type") || !/^\s*multipart\//i.test(i.raw)) return null;
  const body = (event?.doc as { http?: { request?: { body?: { content?: unknown } } } } | undefined)?.http?.request
    ?.body?.content;
  if (typeof body !== "string" || body.trim() === "") return null;
  if ((i.raw.match(/[;\s]boundary\s*=/gi) ?? []).length > 1) return "two boundary parameters";
  const boundary = boundaryOf(i.raw);
  if (boundary === null) return "multipart body without a boundary";
  if (!BOUNDARY.test(boundary)) return `boundary ${JSON.stringify(boundary.slice(0, 40))} outside RFC 2046`;
  // Not checked: that the body uses the boundary. Sensors log a body's head or a placeholder ("x").
  return null;
}

const isRange = (i: Input) => named(i, "range") || named(i, "request-range");

/**
 * The request target in absolute form with a scheme no HTTP server or forward proxy serves
 * (RFC 9112 §3.2.2): a reverse proxy that passes it on (mod_proxy, CVE-2021-40438 `unix:`) opens a
 * file, a socket or another protocol for the client.
 */
function oddTargetScheme(i: Input): string | null {
  if (i.part !== "path") return null;
  const scheme = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(i.raw)?.[1]?.toLowerCase();
  return scheme && !/^(?:https?|wss?)$/.test(scheme) ? `request target ${i.raw.slice(0, 60)}` : null;
}

export const HTTP_FRAMING: PayloadDetector[] = [
  {
    id: "sn-http-framing-conflict",
    title: "Protocol attack: conflicting or obfuscated message framing (Transfer-Encoding, Content-Length)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: [HEADERS],
    readsEvent: true,
    match: framingConflict,
  },
  {
    id: "sn-http-multipart-confusion",
    title: "Protocol attack: multipart body its parsers cannot agree on (boundary missing, doubled or invalid)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: [HEADERS],
    readsEvent: true,
    match: multipartFraming,
  },
  {
    id: "sn-http-malformed-header",
    title: "Protocol attack: malformed request header (obs-fold, NUL, a field name that is not a token)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: HEAD_FIELDS,
    match: malformedHeader,
  },
  {
    id: "sn-http-invalid-version",
    title: "Protocol attack: HTTP version other than 1.0, 1.1, 2 or 3 (HTTP/0.9, invented versions)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["http.version"],
    match: (i) => (i.part !== "" || VERSION.test(i.raw.trim()) ? null : `HTTP version ${i.raw.slice(0, 40)}`),
  },
  {
    id: "sn-http-invalid-method",
    title: "Protocol attack: request method that is not a token (a request line or line break in the method)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["http.request.method"],
    match: (i) =>
      i.part !== "" || isToken(i.raw.toLowerCase()) ? null : `method ${JSON.stringify(i.raw.slice(0, 60))}`,
  },
  {
    id: "sn-http-range-abuse",
    title: "Protocol attack: Range of many overlapping byte ranges (denial of service)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: [HEADERS],
    match: (i) => {
      const ranges = isRange(i) ? bytesRanges(i.raw) : null;
      return ranges && (ranges.length > 64 || (ranges.length >= 6 && overlapping(ranges)))
        ? `Range with ${ranges.length} ranges`
        : null;
    },
  },
  {
    id: "sn-http-range-many",
    title: "Protocol attack: Range of six or more byte ranges",
    category: "protocol",
    points: 2,
    technique: WEB,
    paranoia: 2,
    fields: [HEADERS],
    match: (i) => {
      const ranges = isRange(i) ? bytesRanges(i.raw) : null;
      return ranges && ranges.length >= 6 ? `Range with ${ranges.length} ranges` : null;
    },
  },
  {
    id: "sn-ssrf-proxy-target-scheme",
    title: "SSRF: request target with a scheme other than HTTP (file:, unix:, gopher: through a proxy)",
    category: "ssrf",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original"],
    match: oddTargetScheme,
  },
];
