// The lines after a line break in a value, read as a protocol reads them: an RFC 5322 / RFC 9110
// header field (field-name ":" value), an SMTP command (RFC 5321), an IMAP command (RFC 9051:
// tag SP command), or, after a blank line, the start of an HTTP response body. A value that holds
// a line break where the application expects one line (a header, a mail subject or address, a
// command argument) ends that line and writes the next one. At most MAX_LINES line breaks are
// read, and each line only up to MAX_LINE characters, so the scan is linear.

export type Line = { text: string; blankBefore: boolean };

const MAX_LINES = 64;
const MAX_LINE = 512;

/** The lines that follow a CR or LF in the text (not the first line), with whether a blank line came before. */
export function linesAfterBreaks(text: string): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (lines.length < MAX_LINES) {
    let at = -1;
    for (let j = i; j < text.length; j++)
      if (text[j] === "\r" || text[j] === "\n") {
        at = j;
        break;
      }
    if (at < 0) break;
    // A run of breaks: more than one LF (or CRLF pairs) is a blank line.
    let end = at;
    let breaks = 0;
    while (end < text.length && (text[end] === "\r" || text[end] === "\n")) {
      if (text[end] === "\n" || text[end + 1] !== "\n") breaks++;
      end++;
    }
    let next = end;
    while (next < text.length && next - end < MAX_LINE && text[next] !== "\r" && text[next] !== "\n") next++;
    lines.push({ text: text.slice(end, next), blankBefore: breaks > 1 });
    i = next;
    if (next === end) break;
  }
  return lines;
}

/** A header field line: its lower-cased name and value, or null. Field names are tokens (RFC 9110 tchar), at most 64 long. */
export function headerField(line: string): { name: string; value: string } | null {
  const text = line.replace(/^[ \t]+/, "");
  const colon = text.indexOf(":");
  if (colon < 1 || colon > 64) return null;
  const name = text.slice(0, colon).trimEnd();
  return /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name) ? { name, value: text.slice(colon + 1).trim() } : null;
}
