// Where an application places a value in its query, and where the value leaves that place: inside
// '…' or "…" the first quote the database does not read as escaped (doubling and, for MySQL,
// backslashes keep the string open); in a number or a bare name (WHERE id=…, ORDER BY …, LIMIT …)
// after the first operand; in a parenthesised list (IN (…), a function's arguments) at the first
// parenthesis the value does not open itself. What comes after is in code position: the attacker's
// SQL. For quoted contexts the application's own closing quote is put back at the end, so a value
// that leaves its last string open ("' or 'a'='a") reads as it would in the query.
import { quotedEnd, tokenize, type Token } from "./tokens.ts";

export type ContextName = "quote" | "double-quote" | "numeric" | "parenthesis";

export interface Breakout {
  context: ContextName;
  /** Where the value leaves its context (index into the decoded value). */
  at: number;
  /** Tokens in code position after the break-out, comments included. */
  tokens: Token[];
  /** The text the tokens index into (the value, or the value plus the application's quote). */
  text: string;
}

/** The value read as the rest of a string literal opened with `quote`: null when it never leaves it. */
function fromString(value: string, quote: "'" | '"'): Breakout | null {
  // The value is inside the string already: scan as if the opening quote were just before it.
  const { end, closed } = quotedEnd(quote + value, 0, quote, true);
  if (!closed) return null;
  // end indexes quote + value: the closing quote is value[end - 2], the code starts at end - 1.
  const at = end - 1;
  // A quote after a space and before a word opens a quotation in prose ('… the statement "select …"'), it closes nothing.
  if (at > 1 && /\s/.test(value[at - 2]!) && /[a-z0-9]/.test(value[at] ?? "")) return null;
  const text = value + quote;
  return { context: quote === "'" ? "quote" : "double-quote", at, tokens: tokenize(text, at), text };
}

/** Words a value can only start with when it continues an expression or a query. */
export const CONTINUATIONS = new Set([
  "or",
  "and",
  "xor",
  "having",
  "order",
  "group",
  "union",
  "procedure",
  "limit",
  "where",
]);

/**
 * Index of the token after "(literal)" or "((literal))" opening the value when a token follows, else 0:
 * a literal in parentheses is an operand as the bare literal is.
 */
export function groupedOperand(t: readonly Token[]): number {
  let open = 0;
  while (t[open]?.kind === "(" && open < 4) open++;
  const literal = t[open];
  if (!literal || (literal.kind !== "number" && literal.kind !== "string")) return 0;
  for (let n = 0; n < open; n++) if (t[open + 1 + n]?.kind !== ")") return 0;
  return t[2 * open + 1] ? 2 * open + 1 : 0;
}

/** "as x where …": the value names an alias for the application's table and goes on with its own WHERE. */
export const aliasThenWhere = (t: readonly Token[]) =>
  t[0]?.kind === "word" && t[0].text === "as" && t[2]?.kind === "word" && t[2].text === "where";

export function breakouts(value: string): Breakout[] {
  const found: Breakout[] = [];
  if (value.includes("'")) {
    const b = fromString(value, "'");
    if (b) found.push(b);
  }
  if (value.includes('"')) {
    const b = fromString(value, '"');
    if (b) found.push(b);
  }
  const bare = tokenize(value);
  const first = bare[0];
  const signed = first?.kind === "op" && (first.text === "-" || first.text === "+") && bare[1]?.kind === "number";
  // Numeric or bare-name context: the value starts with an operand (WHERE id=1 …, ORDER BY name …).
  if (first && first.kind === "word" && (CONTINUATIONS.has(first.text) || aliasThenWhere(bare))) {
    // The value continues the application's expression: "… WHERE id=1" + " or 1=1", " order by 3".
    found.push({ context: "numeric", at: first.start, tokens: bare, text: value });
  } else if (first && (first.kind === "number" || first.kind === "word" || first.kind === "ident" || signed)) {
    // A signed number ("-1 or 1=1") is one operand too.
    let skip = signed ? 2 : 1;
    while (bare[skip]?.kind === "." && bare[skip + 1]) skip += 2;
    if (bare[skip]) found.push({ context: "numeric", at: bare[skip]!.start, tokens: bare.slice(skip), text: value });
  } else if (first?.kind === "string" && first.closed && bare[1]) {
    // A string literal as the first operand of a numeric context: "'x' or 1=1--" after "WHERE id=".
    found.push({ context: "numeric", at: bare[1].start, tokens: bare.slice(1), text: value });
  } else if (first?.kind === "(" && groupedOperand(bare) > 0) {
    // A parenthesised first operand, "(1)and(1)=(1)": the value leaves it after the group closes.
    const after = groupedOperand(bare);
    found.push({ context: "numeric", at: bare[after]!.start, tokens: bare.slice(after), text: value });
  } else if (first && first.kind !== "string") {
    // Starts with code (a parenthesis, a semicolon, an operator, a comment): also in code position.
    found.push({ context: "numeric", at: first.start, tokens: bare, text: value });
  }
  // A parenthesised list: the first ")" the value has not opened.
  let depth = 0;
  for (let i = 0; i < bare.length; i++) {
    const k = bare[i]!.kind;
    if (k === "(") depth++;
    else if (k === ")" && --depth < 0) {
      if (i > 0) found.push({ context: "parenthesis", at: bare[i]!.start, tokens: bare.slice(i), text: value });
      break;
    }
  }
  return found;
}
