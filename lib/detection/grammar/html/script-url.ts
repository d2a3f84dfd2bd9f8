// Script-bearing URLs, read the way a browser's URL parser reads an attribute's value (WHATWG
// URL §4.4): leading and trailing C0 controls and spaces are stripped, every tab and newline
// inside is removed, and the scheme is case-insensitive; so "  jav&#x09;ascript:" is javascript:.
// The schemes that run what follows them: javascript: (and the old vbscript:, livescript:,
// mocha:), and data: URLs whose type a browser renders as a document or runs as a script.

/** Types of a data: URL a browser renders as an active document or runs. */
const ACTIVE_DATA_TYPES = [
  "text/html",
  "text/xml",
  "text/javascript",
  "text/ecmascript",
  "application/xhtml+xml",
  "application/xml",
  "application/javascript",
  "application/ecmascript",
  "application/x-javascript",
  "image/svg+xml",
  "text/x-scriptlet",
  "application/x-shockwave-flash",
];
const SCRIPT_SCHEMES = new Set(["javascript", "vbscript", "livescript", "mocha"]);

/**
 * Characters dropped before and inside the scheme: the C0 controls and space the URL parser
 * strips (tab and newline anywhere), and, more lenient than today's browsers, the other controls
 * and Unicode spaces older ones skipped and fuzzers try ("javas\x07cript:", "\u2003javascript:").
 */
const isIgnorable = (code: number) =>
  code <= 0x20 ||
  (code >= 0x7f && code <= 0xa0) ||
  code === 0x1680 ||
  code === 0x180e ||
  (code >= 0x2000 && code <= 0x200f) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000 ||
  code === 0xfeff;

/** The URL as the parser sees it before it splits the scheme off (what follows the first ":" loses only tabs and newlines). */
export function normalizeUrl(value: string): string {
  let to = value.length;
  while (to > 0 && value.charCodeAt(to - 1) <= 0x20) to--;
  let out = "";
  let inScheme = true;
  for (let i = 0; i < to && out.length < 4096; i++) {
    const c = value[i]!;
    const code = c.charCodeAt(0);
    if (inScheme ? isIgnorable(code) : c === "\t" || c === "\n" || c === "\r") continue;
    if (c === ":" || out.length > 16) inScheme = false;
    out += c;
  }
  return out.toLowerCase();
}

export interface ScriptUrl {
  scheme: string;
  /** What follows the scheme (for javascript:, the script). */
  body: string;
}

/** The script URL `value` is (after normalization), or null. */
export function scriptUrl(value: string): ScriptUrl | null {
  const colonAt = value.indexOf(":");
  if (colonAt < 0 || colonAt > 64) return null;
  const url = normalizeUrl(value);
  const colon = url.indexOf(":");
  if (colon < 2 || colon > 12) return null;
  const scheme = url.slice(0, colon);
  for (let i = 0; i < scheme.length; i++) {
    const c = scheme[i]!;
    if (!((c >= "a" && c <= "z") || c === "+" || c === "-" || c === ".")) return null;
  }
  const body = url.slice(colon + 1);
  if (SCRIPT_SCHEMES.has(scheme)) return { scheme, body };
  if (scheme === "data") {
    const type = body
      .replace(/^[\s]+/, "")
      .split(/[;,]/, 1)[0]!
      .trim();
    if (ACTIVE_DATA_TYPES.includes(type)) return { scheme, body };
    // A data: URL whose payload starts with markup: sniffed as a document by old browsers.
    const comma = body.indexOf(",");
    if (comma >= 0 && /^\s*<[a-z!?/]/.test(body.slice(comma + 1, comma + 40))) return { scheme, body };
  }
  return null;
}
