// libinjection as a second opinion beside our own SQLi/XSS detectors, through the payload
// detector registry: "sn-libinjection-sqli" and "sn-libinjection-xss". One libddwaf run per input
// serves both (the verdict is kept with the Input), and only inputs with a character or word
// libinjection could act on get there (plain words and numbers cannot be SQL or HTML injection).
// Paranoia levels and points follow from measurements (README.md): SQLi at level 1 only when
// libinjection read the value as closing a quoted string and going on as SQL (its fingerprint
// starts with a string token, "s…"): its fingerprints that start from a bare context ("n;T(n",
// "1&1", "f(1)n") fire on prose and code and stay off. XSS at level 2, and never on a whole XML
// document (libinjection reads "<?xml" as markup to flag; XXE is another class's job): at level 1
// our XSS detectors already catch what it catches.
import type { Input } from "../payloads/inputs.ts";
import { WEB, type PayloadDetector } from "../payloads/types.ts";
import { libinjectionVerdict } from "./verdict.ts";

interface InputVerdict {
  sqli: string | null;
  xss: boolean;
}

/** A character or word without which libinjection's SQLi and XSS analyses find nothing. */
const CANDIDATE = /['"`<>=;()#*|&!^~\\]|--|\/\*|\b(?:or|and|xor|div|union|select|like|having|order|sleep)\b/i;

const XML_DOCUMENT = /^\s*<\?xml\b/i;

const verdicts = new WeakMap<Input, InputVerdict>();

function verdictFor(input: Input): InputVerdict {
  let verdict = verdicts.get(input);
  if (verdict) return verdict;
  verdict = { sqli: null, xss: false };
  if (CANDIDATE.test(input.decoded)) {
    const found = libinjectionVerdict([input.decoded]);
    if (found.sqli.length > 0) verdict.sqli = found.fingerprints.get(0) ?? "";
    verdict.xss = found.xss.length > 0;
  }
  verdicts.set(input, verdict);
  return verdict;
}

export const LIBINJECTION: readonly PayloadDetector[] = [
  {
    id: "sn-libinjection-sqli",
    title: "libinjection reads SQL injection",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (input) => (verdictFor(input).sqli?.startsWith("s") ? input.decoded : null),
  },
  {
    id: "sn-libinjection-xss",
    title: "libinjection reads cross-site scripting",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 2,
    match: (input) => (verdictFor(input).xss && !XML_DOCUMENT.test(input.decoded) ? input.decoded : null),
  },
];

/** For the measurements: the raw verdict on one input (fingerprint or null, xss). */
export const libinjectionOn = verdictFor;
