// A light JavaScript tokenizer (ECMA-262 §12, lexical grammar), enough to tell code from prose:
// identifiers, numbers, strings ('…', "…", with escapes), template literals (their ${…}
// substitutions are read as code of their own), regular expression literals where an expression
// may start, comments (/* */, //, and the HTML-like <!-- and --> line comments), punctuators with
// the multi-character operators a browser reads greedily. An unterminated string runs to the end
// (the page around an injected value supplies the closing quote). Linear and capped.

export type JsKind = "name" | "number" | "string" | "template" | "regex" | "punct";

export interface JsToken {
  kind: JsKind;
  /** Identifier or punctuator text; for strings and templates, their (cooked, approximate) content. */
  text: string;
  /** A line break came before it (automatic semicolon insertion may apply). */
  newline: boolean;
  /** A string or template left open at the end of the input. */
  open?: boolean;
}

const MAX_TOKENS = 4000;
const PUNCTUATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

/** First characters of the multi-character punctuators. */
const OPERATOR_START = "=!<>&|?.*+-%^/";
const isIdStart = (c: string) =>
  (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === "$" || c > "\x7f";
const isIdPart = (c: string) => isIdStart(c) || (c >= "0" && c <= "9");
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** Keywords after which an expression starts (so "/" there begins a regex, and a call there is code). */
export const EXPRESSION_KEYWORDS = new Set([
  "return",
  "typeof",
  "void",
  "delete",
  "throw",
  "new",
  "in",
  "of",
  "instanceof",
  "do",
  "else",
  "case",
  "await",
  "yield",
]);

function regexAllowed(prev: JsToken | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === "punct") return prev.text !== ")" && prev.text !== "]" && prev.text !== "}";
  return prev.kind === "name" && EXPRESSION_KEYWORDS.has(prev.text);
}

/** Tokens of `src`; `templates` receives the code of each template substitution, for the caller to read too. */
export function jsTokens(src: string, templates?: string[]): JsToken[] {
  const out: JsToken[] = [];
  let newline = false;
  let i = 0;
  const n = src.length;
  const push = (kind: JsKind, text: string, open?: boolean) => {
    out.push(open ? { kind, text, newline, open } : { kind, text, newline });
    newline = false;
  };
  while (i < n && out.length < MAX_TOKENS) {
    const c = src[i]!;
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") {
      newline = true;
      i++;
    } else if (c <= " " || c === "\u00a0" || c === "\ufeff") i++;
    else if (c === "/" && src[i + 1] === "/") {
      const end = src.indexOf("\n", i);
      i = end < 0 ? n : end;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) i = n;
      else {
        if (/[\n\r]/.test(src.slice(i, end))) newline = true;
        i = end + 2;
      }
    } else if (src.startsWith("<!--", i) || (src.startsWith("-->", i) && (newline || out.length === 0))) {
      const end = src.indexOf("\n", i);
      i = end < 0 ? n : end;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = "";
      while (j < n && src[j] !== c && src[j] !== "\n") {
        if (src[j] === "\\" && j + 1 < n) {
          text += src[j + 1];
          j += 2;
        } else text += src[j++];
      }
      const open = j >= n || src[j] === "\n";
      push("string", text, open);
      i = open ? j : j + 1;
    } else if (c === "`") {
      let j = i + 1;
      let text = "";
      while (j < n && src[j] !== "`") {
        if (src[j] === "\\" && j + 1 < n) {
          text += src[j + 1];
          j += 2;
        } else if (src[j] === "$" && src[j + 1] === "{") {
          // The substitution's code, up to its matching "}" (braces counted, strings not: approximate).
          let depth = 1;
          let k = j + 2;
          while (k < n && depth > 0) {
            if (src[k] === "{") depth++;
            else if (src[k] === "}") depth--;
            if (depth > 0) k++;
          }
          templates?.push(src.slice(j + 2, k));
          text += "${}";
          j = k + 1;
        } else text += src[j++];
      }
      push("template", text, j >= n);
      i = j + 1;
    } else if (isIdStart(c) || (c === "\\" && src[i + 1] === "u")) {
      let j = i + 1;
      while (j < n && (isIdPart(src[j]!) || src[j] === "\\")) j++;
      push("name", src.slice(i, j));
      i = j;
    } else if (isDigit(c) || (c === "." && isDigit(src[i + 1]))) {
      let j = i + 1;
      while (j < n && (isIdPart(src[j]!) || src[j] === ".")) j++;
      push("number", src.slice(i, j));
      i = j;
    } else if (c === "/" && regexAllowed(out[out.length - 1])) {
      // A regular expression literal: up to an unescaped "/" outside a class, on this line.
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== "\n") {
        const d = src[j]!;
        if (d === "\\") j++;
        else if (d === "[") inClass = true;
        else if (d === "]") inClass = false;
        else if (d === "/" && !inClass) break;
        j++;
      }
      if (j < n && src[j] === "/") {
        j++;
        while (j < n && isIdPart(src[j]!)) j++;
        push("regex", src.slice(i, j));
        i = j;
      } else {
        push("punct", "/");
        i++;
      }
    } else {
      const p = OPERATOR_START.includes(c) ? PUNCTUATORS.find((op) => src.startsWith(op, i)) : undefined;
      const text = p ?? c;
      push("punct", text);
      i += text.length;
    }
  }
  return out;
}
