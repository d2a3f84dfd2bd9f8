// A bounded reader of one SQL expression over tokens (comments removed): how far it runs and what
// it holds (a comparison, a lone truth value, a subquery, a CASE, calls). Injection analysis asks
// "after the break-out, is what follows a complete condition?" and needs no full SQL parser for
// that, only the shape of one expression. Every step consumes a token; nesting is capped.
import type { Token } from "./tokens.ts";

export interface Expression {
  /** Index of the first token after the expression. */
  end: number;
  /** Operands read (0: nothing was an expression). */
  operands: number;
  comparison: boolean;
  /** The whole expression is one literal that is true for SQL: a non-zero number, TRUE, NOT FALSE. */
  truthy: boolean;
  subquery: boolean;
  caseWhen: boolean;
  calls: string[];
}

/** Words that end an expression: clause and statement keywords. */
export const CLAUSE = new Set([
  "select",
  "from",
  "where",
  "union",
  "intersect",
  "except",
  "minus",
  "order",
  "group",
  "having",
  "limit",
  "offset",
  "into",
  "then",
  "else",
  "end",
  "when",
  "as",
  "on",
  "join",
  "procedure",
  "for",
  "waitfor",
  "insert",
  "update",
  "delete",
  "drop",
  "exec",
  "execute",
  "declare",
  "create",
  "alter",
  "truncate",
  "values",
  "set",
  "asc",
  "desc",
  "fetch",
  "returning",
]);

/** Words that join two operands; all but "not" and "match(…)" also cannot begin one. */
export const WORD_BINARY = new Set([
  "and",
  "or",
  "xor",
  "like",
  "ilike",
  "rlike",
  "regexp",
  "glob",
  "match",
  "is",
  "in",
  "between",
  "div",
  "mod",
  "collate",
  "escape",
  "similar",
  "sounds",
  "notnull",
  "isnull",
  "not",
  "to",
]);
const COMPARISON_WORDS = new Set([
  "like",
  "ilike",
  "rlike",
  "regexp",
  "glob",
  "match",
  "is",
  "in",
  "between",
  "similar",
  "sounds",
  "notnull",
  "isnull",
]);
const COMPARISON_OPS = new Set(["=", "==", "<>", "!=", "<", ">", "<=", ">=", "<=>", "!<", "!>", "@>", "<@"]);
const UNARY = new Set(["-", "+", "~", "!"]);

const MAX_DEPTH = 24;

/** Index after the parenthesis that closes the one at `open` (or the end), noting what is inside. */
export function skipParens(t: readonly Token[], open: number, into: Expression): number {
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    const k = t[i]!.kind;
    if (k === "(") depth++;
    else if (k === ")") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (k === "word") {
      const w = t[i]!.text;
      if (w === "select") into.subquery = true;
      else if (w === "case") into.caseWhen = true;
      if (t[i + 1]?.kind === "(") into.calls.push(w);
    } else if (k === "op" && COMPARISON_OPS.has(t[i]!.text)) into.comparison = true;
  }
  return t.length;
}

function primary(t: readonly Token[], p: number, e: Expression, depth: number): number {
  const tok = t[p];
  if (!tok) return p;
  switch (tok.kind) {
    case "number":
      e.operands++;
      return p + 1;
    case "string":
    case "ident":
    case "var":
      e.operands++;
      return p + 1;
    case "(": {
      e.operands++;
      if (t[p + 1]?.kind === "word" && t[p + 1]!.text === "select") e.subquery = true;
      if (depth >= MAX_DEPTH) return skipParens(t, p, e);
      const inner = readExpression(t, p + 1, depth + 1);
      merge(e, inner);
      let q = inner.end;
      while (t[q]?.kind === ",") q = readExpression(t, q + 1, depth + 1).end;
      return t[q]?.kind === ")" ? q + 1 : skipParens(t, p, e);
    }
    case "word": {
      const w = tok.text;
      if (w === "case") {
        e.caseWhen = true;
        e.operands++;
        let q = p + 1;
        for (let n = 0; q < t.length && n < 200; n++, q++) {
          const x = t[q]!;
          if (x.kind === "word" && x.text === "end") return q + 1;
          if (x.kind === "op" && COMPARISON_OPS.has(x.text)) e.comparison = true;
          else if (x.kind === "word" && x.text === "select") e.subquery = true;
          else if (x.kind === "word" && t[q + 1]?.kind === "(") e.calls.push(x.text);
        }
        return q;
      }
      if (w === "exists" && t[p + 1]?.kind === "(") {
        e.operands++;
        return skipParens(t, p + 1, e);
      }
      if (CLAUSE.has(w) || WORD_BINARY.has(w)) return p;
      e.operands++;
      let q = p + 1;
      while (t[q]?.kind === "." && (t[q + 1]?.kind === "word" || t[q + 1]?.kind === "ident")) q += 2;
      if (t[q]?.kind === "(") {
        e.calls.push(
          t
            .slice(p, q)
            .map((x) => x.text)
            .join(""),
        );
        return skipParens(t, q, e);
      }
      return q;
    }
    default:
      return p;
  }
}

function merge(into: Expression, from: Expression) {
  into.comparison ||= from.comparison;
  into.subquery ||= from.subquery;
  into.caseWhen ||= from.caseWhen;
  into.calls.push(...from.calls);
}

export function readExpression(t: readonly Token[], p: number, depth = 0): Expression {
  const e: Expression = {
    end: p,
    operands: 0,
    comparison: false,
    truthy: false,
    subquery: false,
    caseWhen: false,
    calls: [],
  };
  let q = p;
  let first = true;
  for (let guard = 0; q < t.length && guard < t.length; guard++) {
    while (t[q] && ((t[q]!.kind === "op" && UNARY.has(t[q]!.text)) || (t[q]!.kind === "word" && t[q]!.text === "not")))
      q++;
    const before = q;
    const single = t[q];
    q = primary(t, q, e, depth);
    if (q === before) break;
    if (first) {
      const sole = q === before + 1;
      e.truthy =
        sole &&
        ((single!.kind === "number" && /[1-9]/.test(single!.text)) ||
          (single!.kind === "word" && single!.text === "true"));
      first = false;
    } else e.truthy = false;
    e.end = q;
    // PostgreSQL cast, MySQL JSON paths: postfix, not a new operand.
    while (t[q]?.kind === "op" && t[q]!.text === "::" && t[q + 1]?.kind === "word") q += 2;
    e.end = q;
    const op = t[q];
    if (!op) break;
    if (op.kind === "op" && !UNARY.has(op.text) && op.text !== "::") {
      if (COMPARISON_OPS.has(op.text)) e.comparison = true;
      q++;
    } else if (op.kind === "op" && (op.text === "-" || op.text === "+")) q++;
    else if (op.kind === "word" && WORD_BINARY.has(op.text)) {
      if (COMPARISON_WORDS.has(op.text)) e.comparison = true;
      q++;
      while (t[q]?.kind === "word" && (t[q]!.text === "not" || t[q]!.text === "like" || t[q]!.text === "to")) q++;
      if (t[q]?.kind === "word" && (t[q]!.text === "null" || t[q]!.text === "true" || t[q]!.text === "false")) {
        e.operands++;
        q++;
        e.end = q;
        e.truthy = false;
        const after = t[q];
        if (!after || !((after.kind === "word" && WORD_BINARY.has(after.text)) || after.kind === "op")) break;
        continue;
      }
    } else break;
    e.truthy = false;
  }
  if (e.operands > 1) e.truthy = false;
  return e;
}
