// The query string as HTTP parsers disagree on it (OWASP WSTG-INPV-04, HTTP Parameter
// Pollution; CAPEC-460): a name sent twice (one framework keeps the first value, another the last,
// a third joins them), bracket names with text after the bracket (PHP and Rails read `a[1]x` and
// `a[1]x[2]` differently), array notation at all, and a line break in a query value, which no
// form field sent by GET needs. These are weak signals: paranoia 2 and up.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { urlDecoded } from "../../payloads/decode.ts";
import type { Input } from "../../payloads/inputs.ts";
import { WEB, type PayloadDetector } from "../../payloads/types.ts";
import { hasBreak } from "./message.ts";

const MAX_NAMES = 256;

/** The query's parameter names, percent-decoded, in order (at most MAX_NAMES). */
function queryNames(url: string): string[] {
  const at = url.indexOf("?");
  if (at < 0) return [];
  const hash = url.indexOf("#", at);
  const query = url.slice(at + 1, hash < 0 ? undefined : hash);
  const names: string[] = [];
  for (const pair of query.split("&", MAX_NAMES)) {
    const eq = pair.indexOf("=");
    const name = urlDecoded(eq < 0 ? pair : pair.slice(0, eq), true);
    if (name) names.push(name);
  }
  return names;
}

/** Run once per event: on the URL path's input. */
const onPath = (i: Input) => i.field === "url.original" && i.part === "path";

function repeatedName(i: Input, _sql: string, event?: NormalizedEvent): string | null {
  if (!onPath(i) || !event?.urlOriginal) return null;
  const seen = new Set<string>();
  for (const name of queryNames(event.urlOriginal)) {
    // a[]=1&a[]=2 is how a list is sent; a=1&a=2 is read three ways.
    if (name.endsWith("[]")) continue;
    if (seen.has(name)) return `parameter "${name.slice(0, 60)}" sent twice`;
    seen.add(name);
  }
  return null;
}

/** `a[1]x` or `a[1]x[2]`: text after a closing bracket, which parsers drop, keep or nest differently. */
const BOGUS_AFTER_BRACKET = /\][^\]]+$|\][^\]]+\[/;

export const HTTP_PARAMETERS: PayloadDetector[] = [
  {
    id: "sn-http-query-line-break",
    title: "Protocol attack: line break in a query parameter (header injection through a GET parameter)",
    category: "protocol",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: ["url.original"],
    match: (i) =>
      i.part !== "path" && !i.part.startsWith("path#") && !i.part.includes("#") && hasBreak(i.decoded)
        ? JSON.stringify(i.decoded.slice(0, 60))
        : null,
  },
  {
    id: "sn-http-parameter-pollution",
    title: "Protocol attack: query parameter sent twice (HTTP parameter pollution)",
    category: "protocol",
    points: 2,
    technique: WEB,
    paranoia: 3,
    fields: ["url.original"],
    readsEvent: true,
    match: repeatedName,
  },
  {
    id: "sn-http-parameter-bracket-text",
    title: "Protocol attack: text after a parameter's array bracket (HTTP parameter pollution)",
    category: "protocol",
    points: 2,
    technique: WEB,
    paranoia: 3,
    fields: ["url.original"],
    match: (i) => (i.part === `${i.raw}#name` && BOGUS_AFTER_BRACKET.test(i.decoded) ? i.decoded.slice(0, 60) : null),
  },
  {
    id: "sn-http-parameter-array",
    title: "Protocol attack: query parameter in array notation (HTTP parameter pollution)",
    category: "protocol",
    points: 1,
    technique: WEB,
    paranoia: 4,
    fields: ["url.original"],
    match: (i) => (i.part === `${i.raw}#name` && /\[[^\]]*\]/.test(i.decoded) ? i.decoded.slice(0, 60) : null),
  },
];
