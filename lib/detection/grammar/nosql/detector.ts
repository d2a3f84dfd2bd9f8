// NoSQL (MongoDB) operator injection (OWASP WSTG-INPV-05.6, CAPEC-676): where the application
// hands a parsed parameter or JSON body to a query, a key that begins with "$" is an operator,
// not data: user[$ne]= or {"password": {"$gt": ""}} turn an equality test into "anything",
// $where/$function/$accumulator run JavaScript on the server, $regex and $expr test what they
// should only compare. A value that is itself JSON (a query string carrying {"$ne": 1}) counts
// too. Names are read as paths (a[b][c], a.b.c) and each segment is judged on its own. A value
// that closes a JavaScript string inside a $where clause and adds code (' || this.x == ' …, ';
// return true; var y=') is the JavaScript form of the same break-out.
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { pathSegments } from "../parameter-path.ts";

/** MongoDB query, update and aggregation-expression operators (the manual's operator reference). */
const OPERATORS = new Set(
  (
    "eq ne gt gte lt lte in nin and or not nor exists type expr jsonschema mod regex options text where search " +
    "all elemmatch size function accumulator lookup match group project unwind set unset inc push pull addtoset " +
    "rename currentdate min max mul bit geowithin geointersects near nearsphere comment slice meta sample " +
    "graphlookup unionwith merge out facet replaceroot replacewith addfields function literal cond ifnull switch"
  ).split(" "),
);

/** Operators that stand at the top of a query document; the others apply to a field ({"age": {"$gt": 1}}), so a top-level "$type" or "$set" is an ordinary key (Json.NET's type hint, a settings name). */
const TOP_LEVEL = new Set([
  "and",
  "or",
  "nor",
  "not",
  "where",
  "expr",
  "text",
  "comment",
  "jsonschema",
  "function",
  "accumulator",
]);

const operatorAt = (segment: string, depth: number) =>
  segment.startsWith("$") && (depth > 0 ? OPERATORS : TOP_LEVEL).has(segment.slice(1));

/**
 * The operator a parameter name or JSON key names as one of its segments. A JSON key's own path is
 * in its part: "<parent path>.<key>#name" (".user#name" at the top, "user.$ne#name" below it); a
 * form parameter's part is its name ("user[$ne]#name").
 */
function operatorInName(i: Input): string | null {
  if (!i.part.endsWith("#name") || !i.decoded.includes("$")) return null;
  const jsonKey = i.field === "http.request.body.content" && i.part.endsWith(`.${i.decoded}#name`);
  const segments = pathSegments(jsonKey ? i.part.slice(0, -"#name".length) : i.decoded);
  for (let k = 0; k < segments.length; k++) if (operatorAt(segments[k]!, k)) return i.decoded;
  return null;
}

/**
 * An operator as a key of JSON text: {"$ne": …}, {$where: …}, {'$regex': …}. In a parameter's
 * value the JSON is the condition of that parameter's field, so any operator counts; in a raw
 * body it is the query itself, so its top level takes only top-level operators.
 */
function operatorInJsonText(text: string, wholeBody: boolean): string | null {
  if (!text.includes("$") || !text.includes(":")) return null;
  let n = 0;
  for (const m of text.matchAll(/[{,]\s*(["']?)\$([a-z]{2,14})\1\s*:/g)) {
    if (++n > 16) break;
    let depth = wholeBody ? -1 : 1;
    if (wholeBody) for (let k = 0; k <= m.index; k++) depth += text[k] === "{" ? 1 : text[k] === "}" ? -1 : 0;
    if ((depth > 0 ? OPERATORS : TOP_LEVEL).has(m[2]!)) return m[0];
  }
  return null;
}

/** A query string inside a value (a redirect target, a double-encoded body): name[$op]= in it. */
function operatorInQueryText(text: string): string | null {
  if (!text.includes("[$")) return null;
  for (const m of text.matchAll(/\[\$([a-z]{2,14})\]\s*(?:\[[^\]]{0,40}\]\s*)?=/g))
    if (OPERATORS.has(m[1]!)) return m[0];
  return null;
}

/**
 * A JavaScript string break-out: a quote, then an operator that only JavaScript has (==, ===,
 * !=, ||, &&, ;) and then JavaScript (this.field, return, a comparison of strings, sleep(…)).
 * SQL's "or 1=1" is left to the SQL detectors: one "=" is not JavaScript. The value is read as
 * the inside of the application's string literal, so the break-out is at its first quote: in a
 * code snippet (x = 'a'; var y = 1) the first quote opens a string instead.
 */
const JS_BREAKOUT =
  /^['"]\s*(?:\)\s*)?(?:\|\||&&|;)\s*(?:return\b|this\s*\.|sleep\s*\(|while\s*\(|db\s*\.|['"][^'"]{0,40}['"]\s*[=!]==?|\d+\s*[=!]==?\s*\d|(?:var|let|const)\s+\w+\s*=|function\s*\(|true\b|!?\s*this\b)/;
const WHERE_CODE = /\bthis\s*\.\s*\w+\s*(?:[=!]==?|\.\s*match\s*\()|\bsleep\s*\(\s*\d|\breturn\s+(?:true|1|this)\b/;

export const NOSQL_INJECTION: PayloadDetector[] = [
  {
    id: "sn-nosql-operator",
    title: "NoSQL injection: MongoDB query operator as a parameter name, JSON key or JSON in a value",
    category: "nosql_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) =>
      operatorInName(i) ??
      (i.part.endsWith("#name")
        ? null
        : (operatorInJsonText(i.decoded, i.part === "") ?? operatorInQueryText(i.decoded))),
  },
  {
    id: "sn-nosql-js-injection",
    title: "NoSQL injection: JavaScript break-out for a $where clause",
    category: "nosql_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => {
      const quote = i.decoded.search(/['"]/);
      return quote >= 0 && /[|&;]/.test(i.decoded)
        ? (JS_BREAKOUT.exec(i.decoded.slice(quote, quote + 200))?.[0] ?? null)
        : null;
    },
  },
  {
    id: "sn-nosql-where-code",
    title: "NoSQL injection: JavaScript of a $where clause (this.field comparison, sleep, return true)",
    category: "nosql_injection",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) =>
      i.decoded.includes("this") || i.decoded.includes("sleep") || i.decoded.includes("return")
        ? (WHERE_CODE.exec(i.decoded)?.[0] ?? null)
        : null,
  },
  {
    id: "sn-nosql-dollar-key",
    title: "NoSQL injection: a parameter name segment starting with $ (unknown operator)",
    category: "nosql_injection",
    points: 2,
    technique: WEB,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) =>
      i.part.endsWith("#name") && i.decoded.includes("[$")
        ? (pathSegments(i.decoded).find((s) => /^\$[a-z]/.test(s)) ?? null)
        : null,
  },
];
