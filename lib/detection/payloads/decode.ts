// Undoing the encodings attackers hide payloads behind, before any detector looks: percent
// encoding (also double and %uXXXX), "+" as space in forms, HTML entities (named, decimal, hex,
// with or without ";"), backslash escapes, NUL bytes; then case folding and whitespace. Repeated
// until nothing changes (at most four rounds). Never throws.

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

function percentDecode(text: string, plusIsSpace: boolean): string {
  let out = plusIsSpace ? text.replace(/\+/g, " ") : text;
  out = out.replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  // Decode valid UTF-8 runs; leave stray % as they are.
  return out.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

function entityDecode(text: string): string {
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

function escapeDecode(text: string): string {
  return text
    .replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u\{?([0-9a-f]{4,6})\}?/gi, (_, hex: string) =>
      String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)),
    );
}

const MAX_LENGTH = 16_384;

/** The decoded, lower-cased form detectors match against. */
export function decode(raw: string, options: { plusIsSpace?: boolean } = {}): string {
  let text = raw.length > MAX_LENGTH ? raw.slice(0, MAX_LENGTH) : raw;
  for (let round = 0; round < 4; round++) {
    const next = escapeDecode(entityDecode(percentDecode(text, options.plusIsSpace === true && round === 0)));
    if (next === text) break;
    text = next;
  }
  // NFKC folds full-width and other look-alike forms (＜script＞) onto ASCII.
  return text
    .replace(/\u0000/g, "")
    .normalize("NFKC")
    .toLowerCase();
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
