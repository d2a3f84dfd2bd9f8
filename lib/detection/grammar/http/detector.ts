// HTTP request smuggling, response splitting and header injection (OWASP WSTG-INPV-15, CAPEC-33,
// CAPEC-34, CAPEC-105, CAPEC-273), read by the HTTP/1.x message grammar (message.ts): a value is
// an attack when a line after one of its line breaks is a request line (a second request), a
// status line, a header field a response or proxy acts on with that field's value grammar
// (fields.ts), or, after a blank line, the start of a response body. Prose with newlines and
// "Location: Berlin" lines is none of these.
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { actsOn } from "./fields.ts";
import { classify, hasBreak, linesOf, lowBytes } from "./message.ts";

/** A raw multipart body: its parts carry headers by design. */
const multipartBody = (i: Input) =>
  i.field === "http.request.body.content" && i.part === "" && /^\s*-{2,}[^\r\n]{1,200}\r?\n\s*content-/.test(i.decoded);
/** Every request input: the user agent is a header too, and lands in the same logs and responses. */
const MESSAGE_FIELDS = [...BODYLESS, "user_agent.original"];
const HEAD = new Set(["http.request.headers", "http.request.cookie", "http.request.referrer", "user_agent.original"]);
const urlPath = (i: Input) => i.field === "url.original" && i.part === "path";
const HTML_BODY = /^\s*<\s*(?:html|body|script|head|meta|!doctype|svg|iframe)\b/;

function smuggledRequest(i: Input): string | null {
  if (urlPath(i) || multipartBody(i)) return null;
  // A value that is one whole request line is a request of its own (HTTP/1.0 needs no headers).
  if (!hasBreak(i.decoded)) return classify(i.decoded).kind === "request" ? i.decoded.slice(0, 120) : null;
  const lines = linesOf(i.decoded);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (classify(line.text).kind !== "request") continue;
    // After a break; or a value that opens with a request line and goes on with its header block.
    if (!line.first || classify(lines[1]!.text).kind === "header") return line.text.slice(0, 120);
  }
  return null;
}

function splitResponse(i: Input): string | null {
  if (!hasBreak(i.decoded) || multipartBody(i)) return null;
  const lines = linesOf(lowBytes(i.decoded));
  // A parameter name ends at "=" (the header's value went into the parameter's value): there the
  // header's name is enough. Elsewhere a field name that is also a word needs its value grammar,
  // or, where multi-line text does not come (anything but a body), a one-token value.
  const nameOnly = i.part.endsWith("#name");
  const oneLine = i.field !== "http.request.body.content";
  // A header, cookie or agent never holds a line break; a value that is one word (a parameter, a
  // language code) or that already wrote a header: after a blank line there, a body is a response's.
  let headerSeen = HEAD.has(i.field) || !/\s/.test(lines[0]!.text.trim());
  let inBody = false;
  for (const line of lines.slice(1)) {
    const read = classify(line.text);
    if (read.kind === "status") return line.text.slice(0, 80);
    if (read.kind === "header" && actsOn(read.name, read.value, nameOnly, oneLine)) return line.text.slice(0, 80);
    // The body's first line, or its first chunk's after the chunk size (RFC 9112 §7.1).
    inBody ||= line.blankBefore;
    if (inBody && headerSeen && HTML_BODY.test(line.text)) return line.text.slice(0, 80);
    inBody &&= /^[0-9a-f]{1,8}$/.test(line.text.trim());
    if (read.kind === "header") headerSeen = true;
  }
  return null;
}

/** A parameter's (query, form, JSON key) or cookie's name with a line break: names are identifiers, and one that ends a line writes the next. */
function nameWithBreak(i: Input): string | null {
  // The name as sent, or a JSON key (".a.b#name"); a layer decoded out of it has a longer part.
  const asSent = i.part === `${i.raw}#name` || i.part.endsWith(`.${i.raw}#name`);
  if (!asSent || !hasBreak(i.decoded)) return null;
  return JSON.stringify(i.decoded.slice(0, 60));
}

export const HTTP_MESSAGE: PayloadDetector[] = [
  {
    // The ids of the regex detectors these replace (payloads/protocol.ts, grammar/mail).
    id: "sn-proto-request-smuggling",
    title: "Protocol attack: HTTP request line after a line break in a value (request smuggling)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: MESSAGE_FIELDS,
    match: smuggledRequest,
  },
  {
    id: "sn-proto-header-injection",
    title: "Protocol attack: CR/LF followed by a header or a response (header injection, response splitting)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: MESSAGE_FIELDS,
    match: splitResponse,
  },
  {
    id: "sn-http-name-line-break",
    title: "Protocol attack: line break in a parameter or cookie name (header injection)",
    category: "protocol",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: nameWithBreak,
  },
];
