// Character references as the HTML tokenizer decodes them inside an attribute value: numeric
// (&#106; &#x6a; with or without ";", any number of leading zeros) and named. A named reference
// without ";" followed by "=" or an alphanumeric is left as it is in attributes (the spec's legacy
// rule), so "?a=1&copy=2" stays a URL. Only the names that matter for script (punctuation,
// whitespace, the characters of a scheme) are known; an unknown name is kept verbatim.

const NAMED: Record<string, string> = {
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  amp: "&",
  colon: ":",
  semi: ";",
  lpar: "(",
  rpar: ")",
  sol: "/",
  bsol: "\\",
  tab: "\t",
  newline: "\n",
  nbsp: "\u00a0",
  equals: "=",
  grave: "`",
  num: "#",
  excl: "!",
  period: ".",
  comma: ",",
  plus: "+",
  lsqb: "[",
  rsqb: "]",
  lbrack: "[",
  rbrack: "]",
  lcub: "{",
  rcub: "}",
  lbrace: "{",
  rbrace: "}",
  quest: "?",
  dollar: "$",
  percnt: "%",
  ast: "*",
  vert: "|",
};
/** Names a browser also decodes without ";" (the legacy set, of those known here). */
const LEGACY = new Set(["lt", "gt", "quot", "amp", "nbsp"]);

/** C1 code points that numeric references map to Windows-1252 (only the ones that stay printable matter little: they are not script syntax). */
function fromCode(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(code);
}

const isAlnum = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9");
const isHex = (c: string) => (c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");

/** `value` with its character references decoded as in an attribute value. Linear: one pass. */
export function decodeAttributeRefs(value: string): string {
  if (!value.includes("&")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c !== "&") {
      out += c;
      i++;
      continue;
    }
    if (value[i + 1] === "#") {
      const hex = value[i + 2] === "x" || value[i + 2] === "X";
      let j = i + (hex ? 3 : 2);
      const start = j;
      let code = 0;
      while (j < value.length && (hex ? isHex(value[j]!) : value[j]! >= "0" && value[j]! <= "9")) {
        if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + parseInt(value[j]!, 16);
        j++;
      }
      if (j === start) {
        out += c;
        i++;
        continue;
      }
      if (value[j] === ";") j++;
      out += fromCode(code);
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < value.length && j - i <= 10 && isAlnum(value[j]!)) j++;
    const name = value.slice(i + 1, j).toLowerCase();
    const replacement = NAMED[name];
    if (replacement !== undefined && value[j] === ";") {
      out += replacement;
      i = j + 1;
    } else if (replacement !== undefined && LEGACY.has(name) && value[j] !== "=") {
      out += replacement;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
