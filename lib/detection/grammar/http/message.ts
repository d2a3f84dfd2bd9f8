// The lines of an HTTP/1.x message (RFC 9112) read out of a value: what follows each line break
// is classified as a request line (method SP request-target SP HTTP-version, §3), a status line
// (HTTP-version SP 3DIGIT, §4), a header field (field-name ":" OWS field-value, §5 and RFC 9110
// §5.1) or text. A value that holds a line break where one line was expected ends that line and
// writes the next: a second request (smuggling), a header block or a status line (splitting).
//
// Line breaks are CR and LF, and also what some decoders turn into them: NEL and the Unicode line
// and paragraph separators, and characters whose low byte is 0x0A or 0x0D (a server that keeps the
// low byte of U+560A writes LF). Bounded: at most MAX_LINES lines, each read up to MAX_LINE.

export type MessageLine =
  | { kind: "request"; method: string; target: string; version: string }
  | { kind: "status"; version: string; code: string }
  | { kind: "header"; name: string; value: string }
  | { kind: "text" };

export type Line = { text: string; blankBefore: boolean; first: boolean };

const MAX_LINES = 64;
const MAX_LINE = 2048;

/** CR, LF, NEL, U+2028/U+2029, and characters past Latin-1 whose low byte is LF or CR. */
export function isBreak(code: number): boolean {
  if (code === 0x0a || code === 0x0d) return true;
  if (code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  return code > 0xff && ((code & 0xff) === 0x0a || (code & 0xff) === 0x0d);
}

/**
 * The text as a server that keeps only the low byte of each character writes it (U+560A → LF,
 * U+563C → "<"), when it holds such a line break; else the text itself.
 */
export function lowBytes(text: string): string {
  let wide = false;
  for (let i = 0; i < text.length && !wide; i++) {
    const c = text.charCodeAt(i);
    wide = c > 0xff && ((c & 0xff) === 0x0a || (c & 0xff) === 0x0d);
  }
  if (!wide) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const low = c & 0xff;
    out += c > 0xff && low < 0x80 ? String.fromCharCode(low) : text[i];
  }
  return out.toLowerCase();
}

export function hasBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBreak(text.charCodeAt(i))) return true;
  return false;
}

/** The value's lines: the first (before any break) and each one after a run of breaks, with whether that run held a blank line. */
export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let i = 0;
  let first = true;
  let blankBefore = false;
  while (lines.length < MAX_LINES && i <= text.length) {
    let end = i;
    while (end < text.length && end - i < MAX_LINE && !isBreak(text.charCodeAt(end))) end++;
    const line = text.slice(i, end);
    // A line of only spaces is blank to lax parsers ("%0a%20%0a" ends a header block there).
    if (!first && /^[ \t]*$/.test(line)) blankBefore = true;
    else {
      lines.push({ text: line, blankBefore, first });
      blankBefore = false;
    }
    first = false;
    // Skip the rest of an over-long line, then the run of breaks: two LFs (or CRLF pairs) make a blank line.
    while (end < text.length && !isBreak(text.charCodeAt(end))) end++;
    if (end >= text.length) break;
    let breaks = 0;
    while (end < text.length && isBreak(text.charCodeAt(end))) {
      const c = text.charCodeAt(end);
      const next = text.charCodeAt(end + 1);
      // CR LF is one break, as is a low-byte CR followed by a low-byte LF.
      if (!((c & 0xff) === 0x0d && end + 1 < text.length && isBreak(next) && (next & 0xff) === 0x0a)) breaks++;
      end++;
    }
    blankBefore ||= breaks > 1;
    i = end;
  }
  return lines;
}

/** RFC 9110 §16.1 registered methods and WebDAV's (RFC 4918), lower case: values are read decoded. */
export const METHODS = new Set(
  (
    "get head post put delete connect options trace patch propfind proppatch mkcol copy move lock unlock " +
    "search report mkactivity checkout merge m-search notify subscribe unsubscribe purge link unlink"
  ).split(" "),
);

const VERSION = /^http\/\d(?:\.\d)?$/;
const TCHAR = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** origin-form, absolute-form, authority-form (host:port) or asterisk-form (RFC 9112 §3.2). */
const TARGET = /^(?:\/\S*|[a-z][a-z0-9+.-]*:\/\/\S+|[a-z0-9.-]+:\d{1,5}|\*)$/;

/** The line without leading and trailing SP/HTAB (a loop: /[ \t]+$/ is quadratic on runs of blanks). */
function trimBlanks(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && (line[start] === " " || line[start] === "\t")) start++;
  while (end > start && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(start, end);
}

/** The line read by the HTTP/1.x grammar (lower-cased text, as decoded values are). */
export function classify(line: string): MessageLine {
  const text = trimBlanks(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line);
  const words = text.split(/[ \t]+/, 4);
  if (words.length === 3 && METHODS.has(words[0]!) && TARGET.test(words[1]!) && VERSION.test(words[2]!))
    return { kind: "request", method: words[0]!, target: words[1]!, version: words[2]! };
  if (words.length >= 2 && VERSION.test(words[0]!) && /^[1-5]\d\d$/.test(words[1]!))
    return { kind: "status", version: words[0]!, code: words[1]! };
  const colon = text.indexOf(":");
  if (colon >= 1 && colon <= 64) {
    // Whitespace before the colon is invalid (RFC 9112 §5.1) yet some parsers accept it.
    const name = text.slice(0, colon).trimEnd();
    if (TCHAR.test(name)) return { kind: "header", name, value: text.slice(colon + 1).trim() };
  }
  return { kind: "text" };
}

export const isToken = (name: string) => TCHAR.test(name);
