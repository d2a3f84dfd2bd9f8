// A value read as a file path the way the server's file APIs would read it, after the request's
// own decoding (lib/detection/payloads/decode.ts) has run: the separators both Unix and Windows
// accept ("/" and "\"), dots and slashes in disguise (overlong UTF-8, look-alike Unicode, 0xNN
// bytes), a NUL byte that truncates the name, servlet path parameters ("..;/"), Windows' trailing
// dots and spaces and alternate data streams ("::$DATA"), and the "....//" forms a filter that
// strips "../" once turns back into "../". Every step is one linear pass.

/**
 * Overlong UTF-8 never decodes, so decode() leaves its bytes as Latin-1 characters (lower-cased:
 * C0 reads as "à", C1 as "á"). A lead byte and 1-3 continuation bytes whose payload is ".", "/" or
 * "\" is what a lenient decoder (old IIS, some Java and PHP stacks) turns into that character.
 */
const OVERLONG = /[\u00e0\u00e1\u00f0\u00f8][\u0080-\u00bf]{1,3}/g;
function overlong(sequence: string): string {
  let value = sequence.charCodeAt(0) === 0xe1 && sequence.length === 2 ? 1 : 0;
  for (let i = 1; i < sequence.length; i++) value = (value << 6) | (sequence.charCodeAt(i) & 0x3f);
  return value === 0x2e ? "." : value === 0x2f ? "/" : value === 0x5c ? "\\" : sequence;
}

/** Slashes and dots some Windows, Java and PHP file APIs fold onto ASCII (NFKC, applied by decode(), already folds the full-width ones). */
const LOOKALIKE = /[\u2215\u2044\u29f8\u2571\u2216\u29f5\u29f9\u2572\u2024\u3002\uff61]/g;
const ASCII_OF: Record<string, string> = {
  "\u2215": "/",
  "\u2044": "/",
  "\u29f8": "/",
  "\u2571": "/",
  "\u2216": "\\",
  "\u29f5": "\\",
  "\u29f9": "\\",
  "\u2572": "\\",
  "\u2024": ".",
  "\u3002": ".",
  "\uff61": ".",
};

/** The value with disguised dots and slashes written plainly. */
export function undisguise(decoded: string): string {
  let text = decoded;
  if (/[\u00e0\u00e1\u00f0\u00f8]/.test(text)) text = text.replace(OVERLONG, overlong);
  if (/[\u2024\u2044\u2215\u2216\u2571\u2572\u29f5\u29f8\u29f9\u3002\uff61]/.test(text))
    text = text.replace(LOOKALIKE, (c) => ASCII_OF[c] ?? c);
  // Bytes spelled 0x2e, 0x2f, 0x5c, as some decoders in front of file APIs accept.
  if (text.includes("0x"))
    text = text.replace(/0x(2e|2f|5c)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

/** NUL however the request spells it: a C file API stops reading the name there ("passwd%00.png" opens "passwd"). */
const NUL = /%(?:25)*00|%u0000|\\x00|\\u0000|\\0(?![0-7])|\u0000/gi;
export const hasNul = (raw: string) => NUL.test(raw) && ((NUL.lastIndex = 0), true);
/** The raw value with each NUL made a blank: the name ends there, and what followed is another token. */
export const nulAsBlank = (raw: string) => raw.replace(NUL, "%20");

/**
 * "....//", "..././", "..\.\": what remains after a filter removes "../" (or "..\") once, left to
 * right, as str_replace does. Only worth reading when three dots or a dot-slash-dot run occur.
 */
export function strippedOnce(text: string): string | null {
  if (!/\.\.\.|\.\.[/\\]\.[/\\]|\.[/\\]\.\.[/\\][/\\]/.test(text)) return null;
  const out = text.replace(/\.\.[/\\]/g, "");
  return out === text ? null : out;
}

/** One path segment as the file system reads it: servlet ";params" dropped, Windows' trailing dots, spaces and "::$DATA" stream removed. */
export function segmentName(segment: string): { name: string; param: boolean } {
  let name = segment;
  let param = false;
  const semi = name.indexOf(";");
  if (semi >= 0) {
    name = name.slice(0, semi);
    param = true;
  }
  const stream = name.indexOf("::$");
  if (stream >= 0) name = name.slice(0, stream);
  else if (name.endsWith(":$data")) name = name.slice(0, -6);
  // A segment of only dots (and blanks) is a parent step on Windows however many dots it has ("...", ". ."  with spaces).
  if (/^[. ]+$/.test(name) && name.includes("..")) return { name: "..", param };
  if (name.length > 1 && /[. ]$/.test(name) && !/^\.+$/.test(name)) name = name.replace(/[. ]+$/, "");
  return { name, param };
}

/**
 * The raw value decoded as a lenient server decoder would, for the two tricks decode() cannot
 * undo once it has run: percent pairs with a non-hex letter ("%c0%9v": IIS reads a letter as its
 * place after "a" plus ten, so "9v" is 0xaf) and overlong UTF-8 ("%c0%af", "%e0%80%ae", "%c1%9c"),
 * whose continuation bytes NFKC would otherwise mangle. Null when neither occurs.
 */
export function lenientRaw(raw: string): string | null {
  if (!/%(?:25)*[c-f][0-9a-z]/i.test(raw) && !/%[0-9a-z]?[g-z]/i.test(raw)) return null;
  let text = raw;
  for (let round = 0; round < 3 && /%25/i.test(text); round++) text = text.replace(/%25/gi, "%");
  const digit = (c: string) => {
    const code = c.toLowerCase().charCodeAt(0);
    return code <= 57 ? code - 48 : code - 87;
  };
  text = text.replace(/%(?!u[0-9a-f]{4})([0-9a-z])([0-9a-z])/gi, (whole, a: string, b: string) =>
    /^[0-9a-f]{2}$/i.test(a + b) ? whole : `%${((digit(a) * 16 + digit(b)) & 0xff).toString(16).padStart(2, "0")}`,
  );
  text = text.replace(/%([c-f][0-9a-f])((?:%[89ab][0-9a-f]){1,3})/gi, (whole, lead: string, rest: string) => {
    const bytes = rest
      .slice(1)
      .split("%")
      .map((h) => parseInt(h, 16));
    let value = lead.toLowerCase() === "c1" ? 1 : 0;
    for (const byte of bytes) value = (value << 6) | (byte & 0x3f);
    // Some decoders drop the lead byte's payload bits altogether ("%c1%af" as "/").
    if (value > 0x5c) value &= 0x3f;
    return value === 0x2e ? "." : value === 0x2f ? "/" : value === 0x5c ? "%5c" : whole;
  });
  return text === raw ? null : text;
}

/**
 * A separator the server's decoder understands and ours does not: the character right after a
 * "..", when "..<it>" occurs twice or more (..%uEFC8..%uEFC8, best-fit mappings of private
 * code points). Read as "/" in a second view; null when there is no such character.
 */
export function inferredSeparator(text: string): string | null {
  const at = text.indexOf("..");
  if (at < 0) return null;
  const c = text[at + 2];
  if (c === undefined || /[\w./\\\s%]/.test(c)) return null;
  const unit = `..${c}`;
  const second = text.indexOf(unit, at + 3);
  return second < 0 ? null : text.split(c).join("/");
}
