// The expression inside a template delimiter ({{ }}, ${ }, <% %>, …), tokenized and judged: does
// it hold code (a call, an introspection or constructor chain, a command) or only data (a name, a
// word, braces)? Template engines evaluate what is between their delimiters, so a value that
// reaches one with code in it runs that code on the server. One pass over at most MAX_TOKENS
// tokens; every step of the tokenizer consumes at least one character.

export type Token = { kind: "id" | "num" | "str" | "cmd" | "op"; text: string };

const MAX_TOKENS = 160;
const isIdStart = (c: string) => (c >= "a" && c <= "z") || c === "_" || c === "$" || c > "\u007f";
const isIdPart = (c: string) => isIdStart(c) || (c >= "0" && c <= "9");
const isDigit = (c: string) => c >= "0" && c <= "9";

/** Tokens of a (lower-cased) expression: identifiers, numbers, quoted strings, backtick commands, one-character operators. */
export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length && tokens.length < MAX_TOKENS) {
    const c = expr[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
    } else if (isIdStart(c)) {
      const start = i;
      while (i < expr.length && isIdPart(expr[i]!)) i++;
      tokens.push({ kind: "id", text: expr.slice(start, i) });
    } else if (isDigit(c)) {
      const start = i;
      while (i < expr.length && (isDigit(expr[i]!) || expr[i] === ".")) i++;
      tokens.push({ kind: "num", text: expr.slice(start, i) });
    } else if (c === "'" || c === '"' || c === "`") {
      const end = expr.indexOf(c, i + 1);
      const stop = end < 0 ? expr.length : end;
      tokens.push({ kind: c === "`" ? "cmd" : "str", text: expr.slice(i + 1, stop) });
      i = stop + 1;
    } else {
      tokens.push({ kind: "op", text: c });
      i++;
    }
  }
  return tokens;
}

/** Objects template engines hand every template, which expose the application's internals (Flask's config, Twig's _self, JSP's pageContext). */
const ENGINE_GLOBALS = new Set([
  "config",
  "self",
  "_self",
  "_context",
  "request",
  "lipsum",
  "cycler",
  "joiner",
  "namespace",
  "url_for",
  "get_flashed_messages",
  "pagecontext",
  "applicationscope",
  "facescontext",
  "smarty",
]);
/** Names whose mere mention inside an expression walks to a constructor or a prototype (Handlebars' lookup chains, AngularJS sandbox escapes). */
const CHAIN_NAMES = new Set(["constructor", "prototype", "__proto__", "__definegetter__", "__lookupgetter__"]);
const ARITHMETIC = new Set(["*", "+", "-", "/", "%"]);
const dunder = (text: string) => text.length > 4 && text.startsWith("__") && text.endsWith("__");

export type Verdict = { code: "strong" | "weak"; why: string } | null;

/**
 * "strong": the expression calls something, walks an introspection chain (__class__, a dunder
 * in a subscript), reaches an engine global, instantiates (new, ?new()), runs a command
 * (backticks), or is an arithmetic probe of literals ({{7*7}}). "weak": an attribute chain
 * (user.name), code-shaped but the stuff of ordinary templates. null: data.
 */
export function judge(tokens: readonly Token[]): Verdict {
  let chain = false;
  let literals = 0;
  let arithmetic = 0;
  let other = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    if (t.kind === "cmd" && t.text.trim()) return { code: "strong", why: "command" };
    if (t.kind === "id") {
      if (dunder(t.text) || CHAIN_NAMES.has(t.text)) return { code: "strong", why: "introspection" };
      if (next?.kind === "op" && next.text === "(") return { code: "strong", why: "call" };
      if (t.text === "new" && next?.kind === "id") return { code: "strong", why: "instantiation" };
      if (k === 0 && ENGINE_GLOBALS.has(t.text) && (!next || ".[|".includes(next.text)))
        return { code: "strong", why: "engine global" };
      if (next?.kind === "op" && (next.text === "." || next.text === "[") && tokens[k + 2]) chain = true;
      other++;
    } else if (t.kind === "str") {
      if (dunder(t.text) || CHAIN_NAMES.has(t.text)) return { code: "strong", why: "introspection" };
      literals++;
    } else if (t.kind === "num") literals++;
    else if (ARITHMETIC.has(t.text)) arithmetic++;
    else other++;
  }
  if (other === 0 && arithmetic > 0 && literals >= 2 && literals === arithmetic + 1)
    return { code: "strong", why: "arithmetic probe" };
  return chain ? { code: "weak", why: "attribute chain" } : null;
}
