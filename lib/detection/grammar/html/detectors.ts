// The HTML/JavaScript grammar analysis as payload detectors (category "xss", paranoia level 1).
// One analysis per input (kept with the input, which is never changed), read by one detector per
// kind of finding; the ids are those of the regex detectors they replaced, where the meaning is
// the same. A value without any character markup, a URL, a template or a script needs cannot
// carry XSS and is not analysed.
import type { Input } from "@/lib/detection/payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "@/lib/detection/payloads/types.ts";
import { analyzeValue, type FindingKind, type Findings } from "./analyze.ts";
import { urlDecoded } from "@/lib/detection/payloads/decode.ts";
import { sevenBit, TRUNCATED_ELEMENT } from "./seven-bit.ts";

const FIELDS = [...BODYLESS, "user_agent.original"] as const;
/** What every XSS technique needs at least one of: a bracket, "=", ":", a backtick, or a DOM property read bare. */
const NEEDS = /[<(`=:{[]|cookie|location|domain|innerhtml|outerhtml|write/;
/** What a user agent needs to carry script; most agents have none of it. */
const SUSPECT_AGENT = /[<>"'`=[\]{}&%\\]|script|alert|eval|document|window/;

const UTF7_TAG = /\+ADw(?:-?[A-Za-z]|-?\+AC8|[A-Za-z0-9+/]{2})/;

const analysed = new WeakMap<Input, Findings>();

function findingsOf(input: Input): Findings {
  let findings = analysed.get(input);
  if (findings) return findings;
  findings = {};
  if (NEEDS.test(input.decoded) && (input.field !== "user_agent.original" || SUSPECT_AGENT.test(input.decoded))) {
    findings = analyzeValue(input.decoded, input.raw);
    const truncated = sevenBit(input.raw);
    if (truncated) {
      const more = analyzeValue(truncated);
      for (const kind of Object.keys(more) as FindingKind[]) findings[kind] ??= more[kind];
      findings["script-element"] ??= TRUNCATED_ELEMENT.exec(sevenBit(input.raw, true))?.[0];
      if (findings["script-element"] === undefined) delete findings["script-element"];
    }
  }
  // Markup spelled in UTF-7 (+ADw-p+AD4-): no client sends it; it is written for a page whose
  // charset an attacker can make UTF-7 (old IE sniffing, a meta charset), CAPEC-71. "<" is "+ADw"
  // in UTF-7; followed by a tag's name or "/" (another run, "+AC8-") it opens a tag spelled in
  // UTF-7, not one of the markup around it (an XML body with "Ctrl+Alt+Delete").
  const utf7Tag = /\+ADw|%2BADw/i.test(input.raw) ? UTF7_TAG.exec(urlDecoded(input.raw)) : null;
  if (utf7Tag) findings["active-element"] ??= `UTF-7 markup: ${utf7Tag[0]}`;
  analysed.set(input, findings);
  return findings;
}

const detector = (id: string, title: string, kind: FindingKind, points: number): PayloadDetector => ({
  id,
  title,
  category: "xss",
  points,
  technique: WEB,
  paranoia: 1,
  fields: FIELDS,
  match: (input) => findingsOf(input)[kind] ?? null,
});

export const HTML_GRAMMAR: PayloadDetector[] = [
  detector("sn-xss-script-tag", "XSS: script element", "script-element", 5),
  detector("sn-xss-event-handler", "XSS: event handler attribute", "event-handler", 5),
  detector("sn-xss-js-uri", "XSS: script URL (javascript:, data:text/html…)", "script-url", 5),
  detector("sn-xss-dangerous-tag", "XSS: element that loads or runs active content", "active-element", 4),
  detector("sn-xss-css-binding", "XSS: CSS that runs script", "css-script", 4),
  detector("sn-xss-template-expression", "XSS: client-side template expression", "template-expression", 4),
  detector("sn-xss-dom-sink", "XSS: script code (DOM sink or dialog)", "script-sink", 4),
];
