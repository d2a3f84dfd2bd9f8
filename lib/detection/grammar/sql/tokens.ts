// A SQL tokenizer for injection analysis: one pass, one token per step, every step advances, a
// cap on tokens. It reads the lexical rules of MySQL/MariaDB, PostgreSQL, SQL Server, Oracle and
// SQLite at once (a web application's database is unknown to a sensor): string literals with ''
// doubling and MySQL backslash escapes, N'' E'' B'' X'' prefixes, PostgreSQL $tag$ quoting, Oracle
// q'[..]' quoting, quoted identifiers ("x" `x` [x]), numbers (hex, binary, scientific and MySQL's
// "1.e"), comments (--, #, /* */, MySQL's /*! executable */ whose content is code), operators,
// variables (@x, @@x), words. Input is the decoded, lower-cased value.

export type Kind =
  "word" | "number" | "string" | "ident" | "op" | "(" | ")" | "," | ";" | "." | "comment" | "var" | "other";

export interface Token {
  kind: Kind;
  /** The text (for strings and identifiers: with their quotes). */
  text: string;
  start: number;
  end: number;
  /** Strings, identifiers and block comments: false when the value ends before they close. */
  closed: boolean;
}

/** Enough for any injection; a longer value is read up to here. */
export const MAX_TOKENS = 400;

const OPERATORS = [
  "<=>",
  "->>",
  "#>>",
  "->",
  "#>",
  "::",
  "||",
  "&&",
  "<>",
  "!=",
  "<=",
  ">=",
  "==",
  ":=",
  "!<",
  "!>",
  "<<",
  ">>",
  "@>",
  "<@",
];
const SINGLE_OPS = "=<>+-*/%&|^~!:?";

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102);
const isWordStart = (c: number) => (c >= 97 && c <= 122) || c === 95 || (c >= 65 && c <= 90) || c >= 0x80;
const isWordPart = (c: number) => isWordStart(c) || isDigit(c) || c === 36;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0;

/** End of a quoted run opened at `at` (the quote itself), honouring doubling and (for ' and ") backslashes. */
export function quotedEnd(
  text: string,
  at: number,
  quote: string,
  backslash: boolean,
): { end: number; closed: boolean } {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (backslash && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i++;
        continue;
      }
      return { end: i + 1, closed: true };
    }
  }
  return { end: text.length, closed: false };
}

const Q_CLOSERS: Record<string, string> = { "[": "]", "(": ")", "{": "}", "<": ">" };

export function tokenize(text: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let executable = 0;
  let i = from;
  const push = (kind: Kind, start: number, end: number, closed = true) => {
    tokens.push({ kind, text: text.slice(start, end), start, end, closed });
    i = end;
  };
  while (i < text.length && tokens.length < MAX_TOKENS) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    const next = text[i + 1];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { end, closed } = quotedEnd(text, i, ch, true);
      push("string", i, end, closed);
      continue;
    }
    if (ch === "`") {
      const { end, closed } = quotedEnd(text, i, "`", false);
      push("ident", i, end, closed);
      continue;
    }
    if (ch === "[") {
      // SQL Server [name]: a short run without spaces' neighbours; otherwise an ordinary bracket.
      const close = text.indexOf("]", i + 1);
      if (close > i + 1 && close - i <= 128 && !/[[\s'"]/.test(text.slice(i + 1, Math.min(close, i + 2))))
        push("ident", i, close + 1);
      else push("other", i, i + 1);
      continue;
    }
    if (ch === "-" && next === "-") {
      const nl = text.indexOf("\n", i);
      push("comment", i, nl < 0 ? text.length : nl);
      continue;
    }
    if (ch === "#" && next !== ">") {
      const nl = text.indexOf("\n", i);
      push("comment", i, nl < 0 ? text.length : nl);
      continue;
    }
    if (ch === "/" && next === "*") {
      if (text[i + 2] === "!") {
        // MySQL runs what is inside /*! … */ (after an optional version number): it is code.
        let j = i + 3;
        while (j < text.length && j < i + 9 && isDigit(text.charCodeAt(j))) j++;
        executable++;
        i = j;
        continue;
      }
      const close = text.indexOf("*/", i + 2);
      if (close < 0) push("comment", i, text.length, false);
      else push("comment", i, close + 2);
      continue;
    }
    if (ch === "*" && next === "/" && executable > 0) {
      executable--;
      i += 2;
      continue;
    }
    if (ch === "$") {
      // PostgreSQL dollar quoting: $$…$$ or $tag$…$tag$.
      let j = i + 1;
      while (j < text.length && j < i + 40 && isWordPart(text.charCodeAt(j)) && text[j] !== "$") j++;
      if (text[j] === "$" && (j === i + 1 || !isDigit(text.charCodeAt(i + 1)))) {
        const tag = text.slice(i, j + 1);
        const close = text.indexOf(tag, j + 1);
        push("string", i, close < 0 ? text.length : close + tag.length, close >= 0);
        continue;
      }
      push("other", i, i + 1);
      continue;
    }
    if (isDigit(c) || (ch === "." && isDigit(text.charCodeAt(i + 1)))) {
      let j = i;
      if (ch === "0" && next === "x" && isHex(text.charCodeAt(i + 2))) {
        j = i + 2;
        while (j < text.length && isHex(text.charCodeAt(j))) j++;
      } else if (ch === "0" && next === "b" && (text[i + 2] === "0" || text[i + 2] === "1")) {
        j = i + 2;
        while (text[j] === "0" || text[j] === "1") j++;
      } else {
        while (j < text.length && isDigit(text.charCodeAt(j))) j++;
        if (text[j] === ".") {
          j++;
          while (j < text.length && isDigit(text.charCodeAt(j))) j++;
        }
        // MySQL reads "1e1", "1.e" and "1.e+" as numbers, and lets the next token touch them.
        if (text[j] === "e") {
          let k = j + 1;
          if (text[k] === "+" || text[k] === "-") k++;
          const digits = k;
          while (k < text.length && isDigit(text.charCodeAt(k))) k++;
          if (k > digits || text[j - 1] === "." || !isWordPart(text.charCodeAt(j + 1))) j = k;
        }
      }
      push("number", i, j);
      continue;
    }
    if (isWordStart(c)) {
      // Prefixed strings: n'…', e'…', b'…', x'…', u&'…', Oracle q'[…]'.
      if ((ch === "n" || ch === "e" || ch === "b" || ch === "x") && next === "'") {
        const { end, closed } = quotedEnd(text, i + 1, "'", ch !== "n");
        push("string", i, end, closed);
        continue;
      }
      if ((ch === "q" || (ch === "n" && next === "q")) && text[i + (ch === "n" ? 2 : 1)] === "'") {
        const open = i + (ch === "n" ? 3 : 2);
        const delimiter = text[open];
        if (delimiter && !isSpace(delimiter.charCodeAt(0))) {
          const closer = (Q_CLOSERS[delimiter] ?? delimiter) + "'";
          const close = text.indexOf(closer, open + 1);
          push("string", i, close < 0 ? text.length : close + 2, close >= 0);
          continue;
        }
      }
      let j = i + 1;
      while (j < text.length && isWordPart(text.charCodeAt(j))) j++;
      push("word", i, j);
      continue;
    }
    if (ch === "@") {
      let j = i + 1;
      if (text[j] === "@") j++;
      const nameStart = j;
      while (j < text.length && isWordPart(text.charCodeAt(j))) j++;
      if (j > nameStart) {
        push("var", i, j);
        continue;
      }
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === ";" || ch === ".") {
      push(ch, i, i + 1);
      continue;
    }
    // ODBC escapes ({fn …}, MySQL's {if …}) group like parentheses.
    if (ch === "{" || ch === "}") {
      push(ch === "{" ? "(" : ")", i, i + 1);
      continue;
    }
    const three = text.slice(i, i + 3);
    const op = OPERATORS.find((o) => three.startsWith(o));
    if (op) {
      push("op", i, i + op.length);
      continue;
    }
    if (SINGLE_OPS.includes(ch)) {
      push("op", i, i + 1);
      continue;
    }
    push("other", i, i + 1);
  }
  return tokens;
}
