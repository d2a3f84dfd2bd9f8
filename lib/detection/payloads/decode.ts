// Undoing the encodings attackers hide payloads behind, before any detector looks. Never throws.
//
// In place, in this order, repeated until nothing changes (at most four rounds, so double and
// triple encoding is undone): percent encoding (%XX runs as UTF-8; %uXXXX; overlong UTF-8 such
// as %c0%ae or %e0%80%af read as the character it spells, as lenient decoders do), "+" as space
// (form values, first round only), HTML entities (named, decimal, hex, with or without ";"),
// backslash escapes \xNN, \uNNNN and \u{N…}; then NUL bytes dropped, NFKC, lower case.
//
// The rest are layers, not done in place (layers.ts): each decoded form becomes an input of its
// own beside the raw one (part suffixed "#base64", "#hex", "#utf7", "#qp", "#unescaped",
// "#json"), so a detector sees both. Order there: the value as percent-decoded (case kept), then
// base64/base64url (whole value, or each token of 16+ characters, at most 8 a value), hex (0x…
// or a whole hex value, 16+ digits), UTF-7 (+ADw-), quoted-printable (multipart parts that say
// so), backslash escapes (\" \n \NNN octal…: JSON and JS strings), JSON (a value that parses as
// an object or array gives its leaves). A layer is kept only when it is readable text and differs
// from its source; layers of layers go three deep at most.
//
// Bounds: every step is one linear pass (regexes without overlapping quantifiers); inputsOf
// hands decode() at most 4 KB a call (longer values are read in overlapping windows), and
// decode() itself reads at most MAX_LENGTH of what a direct caller passes.

const NAMED: Record<string, string> = {
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  amp: "&",
  sol: "/",
  bsol: "\\",
  lpar: "(",
  rpar: ")",
  colon: ":",
  semi: ";",
  equals: "=",
  nbsp: " ",
  tab: "\t",
  newline: "\n",
  grave: "`",
  num: "#",
  excl: "!",
  quest: "?",
  lsqb: "[",
  rsqb: "]",
  lcub: "{",
  rcub: "}",
  lbrace: "{",
  rbrace: "}",
  period: ".",
  comma: ",",
  plus: "+",
  dollar: "$",
  percnt: "%",
  ast: "*",
  vert: "|",
};

/**
 * Bytes of a %XX run that is not valid UTF-8, read leniently: overlong forms (c0 ae, e0 80 ae)
 * give the character they spell, as old IIS, Tomcat and some Java decoders did; any other byte
 * stands for itself (Latin-1).
 */
function lenientUtf8(run: string): string {
  const bytes: number[] = [];
  for (let at = 0; at + 2 < run.length + 1; at += 3) bytes.push(parseInt(run.slice(at + 1, at + 3), 16));
  let out = "";
  for (let n = 0; n < bytes.length; n++) {
    const b = bytes[n]!;
    const c1 = bytes[n + 1];
    const c2 = bytes[n + 2];
    const cont = (c: number | undefined) => c !== undefined && c >= 0x80 && c < 0xc0;
    if (b >= 0xc0 && b < 0xe0 && cont(c1)) {
      out += String.fromCharCode(((b & 0x1f) << 6) | (c1! & 0x3f));
      n += 1;
    } else if (b >= 0xe0 && b < 0xf0 && cont(c1) && cont(c2)) {
      out += String.fromCharCode(((b & 0x0f) << 12) | ((c1! & 0x3f) << 6) | (c2! & 0x3f));
      n += 2;
    } else out += String.fromCharCode(b);
  }
  return out;
}

function percentDecode(text: string, plusIsSpace: boolean): string {
  let out = plusIsSpace ? text.replace(/\+/g, " ") : text;
  if (!out.includes("%")) return out;
  if (/%u[0-9a-f]{4}/i.test(out))
    out = out.replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  // Most values are valid percent-encoded UTF-8 as a whole: one call.
  try {
    return decodeURIComponent(out);
  } catch {
    // Decode valid UTF-8 runs; leave stray % as they are.
  }
  return out.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return lenientUtf8(run);
    }
  });
}

function entityDecode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z]{2,8}));?/gi,
    (whole, _e, hex?: string, dec?: string, name?: string) => {
      const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : null;
      if (code !== null) return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
      const lower = name!.toLowerCase();
      if (NAMED[lower] !== undefined) return NAMED[lower];
      // Lenient decoders also read a known name run into the next word: "&lbracejndi" is "{jndi".
      if (!whole.endsWith(";"))
        for (let n = lower.length - 1; n >= 4; n--)
          if (NAMED[lower.slice(0, n)] !== undefined) return NAMED[lower.slice(0, n)] + name!.slice(n);
      return whole;
    },
  );
}

/**
 * A run of \xNN escapes: the bytes as UTF-8 when they are valid UTF-8 with something past ASCII
 * (\xE2\x80\x88 is one punctuation space, as the page would show it), else each byte as a character.
 */
function escapedBytes(run: string): string {
  const bytes = Buffer.from(run.replace(/\\x/gi, ""), "hex");
  if (bytes.some((b) => b >= 0x80)) {
    const text = bytes.toString("utf8");
    if (!text.includes("\ufffd")) return text;
  }
  return bytes.toString("latin1");
}

function escapeDecode(text: string): string {
  if (!text.includes("\\")) return text;
  return text
    .replace(/(?:\\x[0-9a-f]{2})+/gi, escapedBytes)
    .replace(/\\u(?:\{([0-9a-f]{1,6})\}|([0-9a-f]{4}))/gi, (_, braced?: string, hex?: string) =>
      String.fromCodePoint(Math.min(parseInt(braced ?? hex!, 16), 0x10ffff)),
    );
}

/** Direct callers (Sigma field matching) may pass a whole field: a request body is at most 64 KB. */
const MAX_LENGTH = 65_536;

/** The decoded, lower-cased form detectors match against. */
/** Percent encoding (and "+" in forms) undone, case kept: the text the layers are looked for in. */
export function urlDecoded(raw: string, plusIsSpace = false): string {
  if (!raw.includes("%") && !(plusIsSpace && raw.includes("+"))) return raw;
  const once = percentDecode(raw, plusIsSpace);
  return once.includes("%") ? percentDecode(once, false) : once;
}

export function decode(raw: string, options: { plusIsSpace?: boolean } = {}): string {
  let text = raw.length > MAX_LENGTH ? raw.slice(0, MAX_LENGTH) : raw;
  for (let round = 0; round < 4; round++) {
    const next = escapeDecode(entityDecode(percentDecode(text, options.plusIsSpace === true && round === 0)));
    if (next === text) break;
    text = next;
  }
  // NFKC folds full-width and other look-alike forms (＜script＞) onto ASCII.
  if (text.includes("\u0000")) text = text.replace(/\u0000/g, "");
  return (/[^\x00-\x7f]/.test(text) ? text.normalize("NFKC") : text).toLowerCase();
}

/** A decoded value without /* … *‍/ comments, which split a script's names from the dots, brackets and parentheses that use them. */
export function withoutComments(decoded: string): string {
  return decoded.includes("/*") ? decoded.replace(/\/\*[\s\S]{0,200}?\*\//g, "") : decoded;
}

/** SQL view of a decoded value: comments become spaces (MySQL /*! versioned *‍/ keep their content), whitespace compacts. */
export function sqlView(decoded: string): string {
  const opened = decoded.replace(/\/\*!\d*/g, " ");
  // Only up to the last "*‍/": past it no comment closes, and each "/*" there read the rest of the value again.
  const last = opened.lastIndexOf("*/");
  const uncommented =
    last < 0 ? opened : opened.slice(0, last + 2).replace(/\/\*.*?\*\//gs, " ") + opened.slice(last + 2);
  return uncommented.replace(/\*\//g, " ").replace(/[\s\u00a0\u000b\u000c]+/g, " ");
}
