// Does a piece of text, read as JavaScript, do something a page's own script would not hand to a
// visitor's input (WSTG-CLNT-01/-02, DOM-based XSS; CAPEC-588)? It is judged on the token
// stream, not on strings: a member chain (a.b["c"+"d"](…)) is parsed from each place where an
// expression may begin, its names folded (computed members with constant strings become names),
// and the chain counts when it calls a dialog or a code-evaluating function (alert, eval,
// setTimeout with a string, the Function constructor, fetch to another origin, document.write),
// reads or writes document.cookie, assigns location, an HTML sink or a handler, or calls a
// dynamically computed member of a global object. Prose is told apart by the grammar itself: in
// "please confirm (by friday)" a name stands before the callee and two names stand side by side
// in its arguments, neither of which JavaScript allows.
import { EXPRESSION_KEYWORDS, jsTokens, type JsToken } from "./js-tokens.ts";

/** Functions that show a dialog: any call is a proof of execution. (Not print(): Python code calls it.) */
const DIALOGS = new Set(["alert", "prompt", "confirm"]);
/** Functions that run or write the text they are given. */
const EVALUATORS = new Set([
  "eval",
  "execscript",
  "importscripts",
  "write",
  "writeln",
  "insertadjacenthtml",
  // jQuery's: $.globalEval(code), $.getScript(url).
  "globaleval",
  "getscript",
]);
/** Functions that run a string argument as code (their other forms take a function, which pages do). */
const STRING_EVALUATORS = new Set(["settimeout", "setinterval", "setimmediate", "function", "constructor"]);
/** Functions that send data off the page. */
const SENDERS = new Set(["fetch", "sendbeacon", "open", "import"]);
const GLOBALS = new Set(["window", "self", "top", "parent", "frames", "globalthis", "this", "content", "document"]);
const HTML_SINKS = new Set(["innerhtml", "outerhtml", "srcdoc"]);
/** Members whose mere use in an expression reads or moves what a page guards: document.cookie, window.location. */
const SINK_MEMBERS = new Map([
  ["document", new Set(["cookie", "domain", "write", "writeln", "location"])],
  ["window", new Set(["location", "name"])],
  ["self", new Set(["location"])],
  ["top", new Set(["location"])],
  ["parent", new Set(["location"])],
]);
/** Words that never begin a member chain. */
const RESERVED = new Set([
  ...EXPRESSION_KEYWORDS,
  "var",
  "let",
  "const",
  "if",
  "for",
  "while",
  "switch",
  "try",
  "catch",
  "finally",
  "class",
  "extends",
  "export",
  "default",
  "with",
  "break",
  "continue",
  "debugger",
  "true",
  "false",
  "null",
  "undefined",
]);
/** Properties the engine calls on its own: handlers when an event fires, conversions when a value is coerced. */
const IMPLICIT_CALLS = /^(?:on[a-z]{3,}|valueof|tostring|tojson)$/;
const SYMBOL_HOOKS = new Set(["hasinstance", "toprimitive", "iterator", "asynciterator"]);
const MAX_DEPTH = 3;
const MAX_SCRIPT = 4096;

const isOperand = (t: JsToken) =>
  t.kind === "number" ||
  t.kind === "string" ||
  t.kind === "template" ||
  t.kind === "regex" ||
  (t.kind === "name" && !RESERVED.has(t.text));

/** An expression's tokens make sense as JavaScript: no two operands side by side on one line, no dot without a name. */
export function plausibleExpression(tokens: readonly JsToken[], from = 0, to = tokens.length): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (i > from && isOperand(t) && isOperand(tokens[i - 1]!) && !t.newline) return false;
    // A member access needs its name: "the element." ends a sentence, not an expression.
    if (t.kind === "punct" && (t.text === "." || t.text === "?.") && (i + 1 >= to || tokens[i + 1]!.kind !== "name"))
      return false;
  }
  return true;
}

/** For each opening bracket, the index of the one closing it (-1 when none): one pass with a stack. */
function bracketPairs(tokens: readonly JsToken[]): Int32Array {
  const pairs = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  const OPEN: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct") continue;
    if (t.text === "(" || t.text === "[" || t.text === "{") stack.push(i);
    else if (OPEN[t.text]) {
      // A stray closer drops the openers above its own kind, as a parser recovering would.
      let k = stack.length - 1;
      const floor = Math.max(0, stack.length - 8);
      while (k >= floor && tokens[stack[k]!]!.text !== OPEN[t.text]) k--;
      if (k < floor) k = -1;
      if (k >= 0) {
        pairs[stack[k]!] = i;
        stack.length = k;
      }
    }
  }
  return pairs;
}

/** A computed member's name when it is constant: "al"+"ert", `x`; null otherwise. */
function constantName(tokens: readonly JsToken[], from: number, to: number): string | null {
  let name = "";
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if ((i - from) % 2 === 0) {
      if (t.kind !== "string" && !(t.kind === "template" && !t.text.includes("${}"))) return null;
      name += t.text;
    } else if (t.text !== "+") return null;
  }
  return name || null;
}

interface Call {
  callee: string;
  /** The name before the callee (location.assign: "location"). */
  owner: string;
  from: number;
  to: number;
}
interface Chain {
  names: string[];
  calls: Call[];
  dynamicCallOnGlobal: boolean;
  /** A global object's member reached by a computed name: window["al"+"ert"], self[atob(…)]. */
  computedOnGlobal: boolean;
  end: number;
}

function readChain(tokens: readonly JsToken[], pairs: Int32Array, start: number): Chain {
  const names = [tokens[start]!.text];
  // (window)["location"]: a parenthesized name goes on as the chain's head.
  const wrapped =
    tokens[start - 1]?.text === "(" && tokens[start + 1]?.text === ")" && tokens[start + 1]!.kind === "punct";
  const calls: Call[] = [];
  let dynamicCallOnGlobal = false;
  let computedOnGlobal = false;
  let dynamicAt = -1;
  let j = wrapped ? start + 2 : start + 1;
  for (let steps = 0; steps < 64 && j < tokens.length; steps++) {
    const t = tokens[j]!;
    if (t.kind === "punct" && (t.text === "." || t.text === "?.") && tokens[j + 1]?.kind === "name") {
      names.push(tokens[j + 1]!.text);
      j += 2;
    } else if (t.kind === "punct" && t.text === "?." && (tokens[j + 1]?.text === "(" || tokens[j + 1]?.text === "[")) {
      // Optional call or member: alert?.(1), top?.["alert"](1).
      j++;
    } else if (t.kind === "punct" && t.text === "[") {
      const close = pairs[j]!;
      if (close < 0) break;
      const constant = constantName(tokens, j + 1, close);
      if (constant === null) dynamicAt = names.length;
      const index = close === j + 2 && tokens[j + 1]!.kind === "number";
      if (!index && close > j + 1 && calls.length === 0 && GLOBALS.has(names[0]!)) computedOnGlobal = true;
      names.push(constant ?? "[]");
      j = close + 1;
    } else if (t.kind === "punct" && t.text === "(") {
      const close = pairs[j]!;
      if (close < 0) break;
      if (dynamicAt === names.length - 1 && GLOBALS.has(names[0]!)) dynamicCallOnGlobal = true;
      calls.push({ callee: names[names.length - 1]!, owner: names[names.length - 2] ?? "", from: j + 1, to: close });
      names.push("()");
      j = close + 1;
    } else if (t.kind === "template" && !t.newline) {
      if (dynamicAt === names.length - 1 && GLOBALS.has(names[0]!)) dynamicCallOnGlobal = true;
      calls.push({ callee: names[names.length - 1]!, owner: names[names.length - 2] ?? "", from: j, to: j + 1 });
      names.push("()");
      j++;
    } else break;
  }
  return { names, calls, dynamicCallOnGlobal, computedOnGlobal, end: j };
}

function startsExpression(tokens: readonly JsToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || tokens[i]!.newline) return true;
  if (prev.kind === "punct") return prev.text !== "." && prev.text !== "?.";
  return prev.kind === "name" && EXPRESSION_KEYWORDS.has(prev.text);
}

/** A member of an array literal or a parenthesized expression that stands where an expression may begin: [].sort, (0,x).call. */
function afterLiteral(tokens: readonly JsToken[], openers: Int32Array, i: number): boolean {
  if (tokens[i - 1]?.text !== "." || tokens[i - 1]!.kind !== "punct") return false;
  const close = tokens[i - 2];
  // ''.constructor, `x`.constructor: a string literal's members.
  if ((close?.kind === "string" || close?.kind === "template") && !close.open) return startsExpression(tokens, i - 2);
  if (close?.kind !== "punct" || (close.text !== "]" && close.text !== ")")) return false;
  const open = openers[i - 2]!;
  return open >= 0 && startsExpression(tokens, open);
}

function validAfter(tokens: readonly JsToken[], end: number): boolean {
  const next = tokens[end];
  if (!next || next.newline) return true;
  if (next.kind === "punct") return !((next.text === "." || next.text === "?.") && tokens[end + 1]?.kind !== "name");
  if (next.kind === "name") return next.text === "in" || next.text === "instanceof";
  return (next.kind === "string" || next.kind === "template") && next.open === true;
}

const hasString = (tokens: readonly JsToken[], from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "string" || t.kind === "template") return true;
    if (t.kind === "punct" && t.text === "(" && i > from && tokens[i - 1]!.kind === "name") return true;
  }
  return false;
};
const offOrigin = (tokens: readonly JsToken[], from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if ((t.kind === "string" || t.kind === "template") && /^(?:[a-z][a-z0-9+.-]*:)?\/\//.test(t.text.trim()))
      return true;
    if (t.kind === "name" && t.text === "cookie") return true;
  }
  return false;
};

/** Arguments read at most: a longer argument list is judged by its start. */
const MAX_ARGS = 200;

function callRuns(tokens: readonly JsToken[], call: Call, afterNew: boolean): boolean {
  const { callee, from } = call;
  const to = Math.min(call.to, from + MAX_ARGS);
  const args = to > from && plausibleExpression(tokens, from, to);
  if (DIALOGS.has(callee)) return to === from || args;
  if (EVALUATORS.has(callee)) return args;
  // new Function(…) is the constructor whatever its arguments; a function expression has a body.
  if (callee === "function")
    return (afterNew || (args && hasString(tokens, from, to))) && tokens[call.to + 1]?.text !== "{";
  if (STRING_EVALUATORS.has(callee)) {
    // setTimeout(code, 1): a string, or a name holding one; a function passed inline is what pages do.
    const inline = tokens[from]?.text === "function" || tokens.slice(from, to).some((t) => t.text === "=>");
    return args && !inline && (hasString(tokens, from, to) || tokens[from]!.kind === "name");
  }
  if (SENDERS.has(callee)) return args && offOrigin(tokens, from, to);
  if ((callee === "assign" || callee === "replace") && call.owner === "location") return args;
  if (callee === "fromcharcode") return args && tokens.slice(from, to).filter((t) => t.kind === "number").length >= 2;
  // f.call`…`, Reflect.apply`…`: a function invoked through a tagged template, a call without
  // parentheses (the template's strings and substitutions become the arguments); no page does it.
  if ((callee === "call" || callee === "apply") && call.to === from + 1 && tokens[from]?.kind === "template")
    return true;
  return false;
}

/** Evidence of script in `src` (read as JavaScript from its start), or null. */
export function scriptSink(src: string, depth = 0): string | null {
  if (depth > MAX_DEPTH || src.length === 0) return null;
  const templates: string[] = [];
  const tokens = jsTokens(src, templates);
  const pairs = bracketPairs(tokens);
  const openers = new Int32Array(tokens.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) if (pairs[k]! >= 0) openers[pairs[k]!] = k;
  const aliases = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "name" || (RESERVED.has(t.text) && t.text !== "this")) continue;
    if (!startsExpression(tokens, i) && !afterLiteral(tokens, openers, i)) continue;
    const chain = readChain(tokens, pairs, i);
    const { names } = chain;
    const show = () =>
      names
        .join(".")
        .replace(/\.\(\)/g, "()")
        .slice(0, 100);
    if (validAfter(tokens, chain.end)) {
      const afterNew = tokens[i - 1]?.kind === "name" && tokens[i - 1]!.text === "new";
      for (const call of chain.calls) {
        if (callRuns(tokens, call, afterNew && call.from === i + 2)) return show();
        if (names.length === 2 && aliases.has(call.callee)) return `${call.callee}()`;
      }
      if (chain.dynamicCallOnGlobal || chain.computedOnGlobal) return show();
      for (let k = 1; k < names.length; k++) if (SINK_MEMBERS.get(names[k - 1]!)?.has(names[k]!)) return show();
      if (HTML_SINKS.has(names[names.length - 1]!) && names.length > 1) return show();
      // A dialog or evaluator passed as a value, the way calls without parentheses are made:
      // [1].find(alert), x.call`${alert}`, onerror=eval.
      const prev = tokens[i - 1];
      // The name's own next token: "(alert)" reads as a parenthesized head, whose chain ends past ")".
      const next = tokens[i + 1];
      if (
        names.length === 1 &&
        (DIALOGS.has(t.text) || t.text === "eval") &&
        prev?.kind === "punct" &&
        (prev.text === "(" || prev.text === ",") &&
        next?.kind === "punct" &&
        (next.text === ")" || next.text === ",")
      )
        return show();
      if (names.filter((n) => n === "constructor").length >= 2) return show();
    }
    const next = tokens[chain.end];
    if (next?.kind === "punct" && next.text === "=" && chain.calls.length === 0) {
      const last = names[names.length - 1]!;
      const rhs = tokens[chain.end + 1];
      const assignsLocation =
        last === "location" ||
        (names[names.length - 2] === "location" && (last === "href" || last === "hash" || last === "search"));
      const rhsEnd = Math.min(tokens.length, chain.end + 40);
      if (rhs && (assignsLocation || HTML_SINKS.has(last) || (last === "domain" && names[0] === "document"))) {
        if (plausibleExpression(tokens, chain.end + 1, rhsEnd) || rhs.kind === "string") return `${show()}=`;
      }
      // a=alert,a(1): a dialog or evaluator under another name, called later.
      if (rhs?.kind === "name" && names.length === 1 && (DIALOGS.has(rhs.text) || rhs.text === "eval")) {
        const after = tokens[chain.end + 2];
        if (!after || after.newline || after.text === "," || after.text === ";") aliases.add(last);
      }
      // onerror=alert;throw 1 and valueOf=alert;x+'': a dialog or evaluator the engine calls itself.
      if (rhs?.kind === "name" && IMPLICIT_CALLS.test(last) && (DIALOGS.has(rhs.text) || EVALUATORS.has(rhs.text)))
        return `${show()}=${rhs.text}`;
    }
    // {[Symbol.hasInstance]: eval}: a well-known symbol's hook set to an evaluator, which
    // `instanceof` (or a conversion) then calls with the left operand.
    if (
      names.length === 2 &&
      names[0] === "symbol" &&
      SYMBOL_HOOKS.has(names[1]!) &&
      tokens[chain.end]?.text === "]" &&
      tokens[chain.end + 1]?.text === ":" &&
      (DIALOGS.has(tokens[chain.end + 2]?.text ?? "") || EVALUATORS.has(tokens[chain.end + 2]?.text ?? ""))
    )
      return `${show()}:${tokens[chain.end + 2]!.text}`;
  }
  for (const code of templates) {
    const name = code.trim();
    if (DIALOGS.has(name) || name === "eval") return `\${${name}}`;
    const found = scriptSink(code, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A value as script in each JavaScript context it may land in: bare, or inside '…', "…", `…` or a comment (it breaks out first). */
export function scriptInAnyContext(whole: string): string | null {
  // Injected script sits at the start of a value; past 4 KB, four readings would cost more than they find.
  const value = whole.length > MAX_SCRIPT ? whole.slice(0, MAX_SCRIPT) : whole;
  for (const quote of ["", "'", '"', "`", "/*"]) {
    // Inside a string or a block comment, a value that ends it first ('…, */…) goes on as code.
    if (quote && !value.includes(quote === "/*" ? "*/" : quote)) continue;
    const found = scriptSink(quote + value);
    if (found) return found;
    // \"… against a filter that escapes quotes with a backslash: the escape is escaped, the quote closes.
    if (quote && value.includes(`\\${quote}`)) {
      const escaped = scriptSink(quote + value.split(`\\${quote}`).join(`\\\\${quote}`));
      if (escaped) return escaped;
    }
  }
  return null;
}

/** Text that reads as JavaScript at all (a script element's body, as opposed to a sentence). */
export function looksLikeScript(src: string): boolean {
  const tokens = jsTokens(src);
  if (tokens.length === 0) return false;
  if (scriptSink(src)) return true;
  const structural = tokens.some((t) => t.kind === "punct" && "(=;{[`".includes(t.text[0]!));
  return structural && plausibleExpression(tokens);
}

/** Looser: any operator or bracket between operands that make sense together ("msgbox+1"), not a phrase. */
export function looksLikeCode(src: string): boolean {
  const tokens = jsTokens(src);
  return tokens.some((t) => t.kind === "punct") && tokens.some(isOperand) && plausibleExpression(tokens);
}
