// Encodings that wrap a whole payload rather than a character here and there: base64 (cookies,
// tokens and "data" fields often are), hex, UTF-7, quoted-printable, JSON/JS string escapes. Each
// is undone into a layer of its own, beside the raw value, so detectors read both forms (decode.ts
// documents the order and bounds). A layer is kept only when it is readable text: a random
// session id or a binary blob decodes to noise, which is dropped. One linear pass each.

export interface Layer {
  /** The part's suffix: "#base64", "#hex"… */
  suffix: string;
  text: string;
}

/** Tokens of one value tried as base64; the first ones, since each costs a Buffer. */
const MAX_TOKENS = 8;
const MIN_TOKEN = 16;

/** Readable: no control characters but tab and line breaks, no replacement characters. */
const UNREADABLE = /[\x00-\x08\x0e-\x1f\x7f\ufffd]/;
const readable = (text: string) => text.length >= 4 && !UNREADABLE.test(text);

function fromBase64(token: string): string | null {
  const text = token.replace(/=+$/, "");
  if (!/[A-Z]/.test(text) || !/[a-z]/.test(text) || text.length % 4 === 1) return null;
  const out = Buffer.from(text, /[-_]/.test(text) ? "base64url" : "base64").toString("utf8");
  return out.length >= 8 && readable(out) ? out : null;
}

/**
 * A value that is base64 (cookies and tokens often are), as the text it encodes, so payloads
 * wrapped in it are inspected too; null when it is not base64 or does not encode readable text.
 */
export function base64Text(raw: string): string | null {
  let text = raw.trim();
  if (text.length < MIN_TOKEN || text.length > 65_536) return null;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? fromBase64(text) : null;
}

const isBase64Char = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45;

/** Each base64 token of 16+ characters inside a longer value ("data=…", "Bearer …", a JWT's parts): one scan. */
function base64Tokens(text: string): string[] {
  const out: string[] = [];
  const end = Math.min(text.length, 65_536);
  let start = -1;
  for (let at = 0; at <= end; at++) {
    if (at < end && isBase64Char(text.charCodeAt(at))) {
      if (start < 0) start = at;
      continue;
    }
    if (start >= 0 && at - start >= MIN_TOKEN && at - start < text.length) {
      // A path's slashes are base64 characters too: "/a/b/c" is no token.
      const token = text.slice(text.charCodeAt(start) === 47 ? start + 1 : start, at);
      const decoded = token.length >= MIN_TOKEN ? fromBase64(token) : null;
      if (decoded !== null) out.push(decoded);
      if (out.length >= MAX_TOKENS) break;
    }
    start = -1;
  }
  return out;
}

const PRINTABLE = /^[\x20-\x7e\t\r\n]+$/;

/** 0x… or a whole value of hex digits (16+) that spells printable ASCII. */
function hexText(text: string): string | null {
  const m = /^\s*(?:0x)?([0-9a-f]{16,})\s*$/i.exec(text) ?? /\b0x([0-9a-f]{8,})/i.exec(text);
  if (!m || m[1]!.length % 2 === 1) return null;
  const out = Buffer.from(m[1]!, "hex").toString("latin1");
  return PRINTABLE.test(out) && /[^0-9a-f]/i.test(out) ? out : null;
}

/** UTF-7 (RFC 2152): "+ADw-script+AD4-" is "<script>"; only runs that start "+A", which spell ASCII. */
function utf7Text(text: string): string | null {
  if (!/\+A[A-Za-z0-9+/]/.test(text)) return null;
  const out = text.replace(/\+([A-Za-z0-9+/]{2,})-?/g, (whole, run: string) => {
    const bytes = Buffer.from(run.slice(0, run.length - (run.length % 4 === 1 ? 1 : 0)), "base64");
    let chars = "";
    for (let n = 0; n + 1 < bytes.length; n += 2) chars += String.fromCharCode((bytes[n]! << 8) | bytes[n + 1]!);
    return chars && readable(chars + "    ") ? chars : whole;
  });
  return out !== text ? out : null;
}

/** Quoted-printable (RFC 2045): soft line breaks dropped, =XX bytes read. */
export function quotedPrintable(text: string): string | null {
  if (!/=[0-9A-F]{2}|=\r?\n/.test(text)) return null;
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** JSON and JavaScript string escapes (\" \' \\ \/ \n, octal \NNN); \x and \u are done in place by decode(). */
function unescaped(text: string): string | null {
  if (!/\\[^xu]/.test(text)) return null;
  const out = text.replace(/\\(?:([0-3][0-7]{2})|(.))/gs, (_, octal?: string, char?: string) =>
    octal ? String.fromCharCode(parseInt(octal, 8)) : (ESCAPES[char!] ?? char!),
  );
  return out !== text ? out : null;
}

/** The layers of one value (percent-decoded, case kept), each readable and different from it. */
export function layersOf(text: string): Layer[] {
  const layers: Layer[] = [];
  if (text.length < 8) return layers;
  const whole = base64Text(text);
  if (whole !== null) layers.push({ suffix: "#base64", text: whole });
  else for (const token of base64Tokens(text)) layers.push({ suffix: "#base64", text: token });
  const hex = hexText(text);
  if (hex !== null) layers.push({ suffix: "#hex", text: hex });
  const utf7 = utf7Text(text);
  if (utf7 !== null) layers.push({ suffix: "#utf7", text: utf7 });
  if (text.includes("\\")) {
    const plain = unescaped(text);
    if (plain !== null) layers.push({ suffix: "#unescaped", text: plain });
  }
  return layers;
}
