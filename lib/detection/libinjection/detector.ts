// libinjection as a second opinion beside our own SQLi/XSS detectors, through the payload
// detector registry: "sn-libinjection-sqli", "sn-libinjection-xss", and "sn-sqli-agreed" (level 1
// where libinjection confirms SQL structure our grammar analyzer reads as weak).
// Paranoia levels and points follow from measurements (README.md): SQLi at level 1 when
// libinjection read the value as closing a quoted string and going on as SQL (its fingerprint
// starts with a string token, "s…") or as SQL with a UNION after a number or parenthesis, or a comment ("1UEnk", "1&1c"); its
// other fingerprints from a bare context ("n;T(n", "1&1", "f(1)n") fire on prose and code and stay
// off. XSS at level 2, and never on a whole XML
// document (libinjection reads "<?xml" as markup to flag; XXE is another class's job): at level 1
// our XSS detectors already catch what it catches.
import type { Input } from "../payloads/inputs.ts";
import { findingsOf } from "../grammar/sql/detectors.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../payloads/types.ts";
import { libinjectionVerdict } from "./verdict.ts";

interface InputVerdict {
  /** libinjection's SQLi fingerprint, or null. */
  sqli: string | null;
  xss: boolean;
}

// Only values that could fire get to libddwaf (a run costs ~15-40 µs): the SQLi verdicts we take
// need a quote in the value to close, or a comment or UNION; XSS needs a tag, an attribute ("=")
// or a quote to break out of one. On our benign corpus ~4% of the inputs hold a quote, 7% one of
// the XSS characters.
const QUOTE = /['"`]/;
const BARE_SQL = /--|#|\/\*|\bunion\b/i;
const MARKUP = /['"`<>=]/;
const XML_DOCUMENT = /^\s*<\?xml\b/i;

const verdicts = new WeakMap<Input, InputVerdict>();

/** One libddwaf run per input serves both detectors; kept with the Input. */
function verdictFor(input: Input): InputVerdict {
  let verdict = verdicts.get(input);
  if (verdict) return verdict;
  const found = libinjectionVerdict([input.decoded]);
  verdict = { sqli: found.sqli.length > 0 ? (found.fingerprints.get(0) ?? "") : null, xss: found.xss.length > 0 };
  verdicts.set(input, verdict);
  return verdict;
}

const sqliFrom = (input: Input) =>
  QUOTE.test(input.decoded) || BARE_SQL.test(input.decoded) ? verdictFor(input).sqli : null;
/**
 * Level 1: the value closes a quoted string ("s…"), or goes on with a UNION after a number or a
 * closing parenthesis ("1U", ")U") or straight into a SELECT ("UE"; prose such as "the union
 * (select committee)" reads "nU(E"), or with a comment ("c").
 */
const breaksOut = (fingerprint: string | null) =>
  fingerprint !== null && (fingerprint.startsWith("s") || /[1)]U|UE/.test(fingerprint) || fingerprint.includes("c"));
const xssFrom = (input: Input) => MARKUP.test(input.decoded) && verdictFor(input).xss;

/**
 * Level 1 when the two analyses agree: our grammar reads SQL structure too weak to report alone
 * at level 1 (a bare "1 or 1", a statement as the whole value, a comparison after a quote), and
 * libinjection, reading the same value on its own, flags it as well. Values with a level-1 grammar
 * finding are reported already and are not sent to libddwaf; values with no finding never are, so
 * the second opinion costs a run only on the rare input that is weak SQL.
 */
function agreed(input: Input): string | null {
  const findings = findingsOf(input);
  if (findings.length === 0 || findings.some((f) => f.paranoia === 1)) return null;
  return verdictFor(input).sqli !== null ? input.decoded : null;
}

export const LIBINJECTION: readonly PayloadDetector[] = [
  {
    id: "sn-libinjection-sqli",
    title: "libinjection reads SQL injection",
    category: "sqli",
    points: 5,
    technique: WEB,
    // Level 2 since the SQL grammar analyzer landed: beside it, at level 1, this added 2 of 117
    // measured-only CRS 942 catches but 16 hard-benign requests firing (of 10,240), and was the
    // costliest level-1 detector (~13 ms per 1,000 simulator events). README.md here.
    paranoia: 2,
    match: (input) => (breaksOut(sqliFrom(input)) ? input.decoded : null),
  },
  {
    id: "sn-sqli-agreed",
    title: "SQL injection: weak SQL structure that libinjection reads as injection too",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: [...BODYLESS, "user_agent.original"],
    match: agreed,
  },
  {
    id: "sn-libinjection-xss",
    title: "libinjection reads cross-site scripting",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 2,
    match: (input) => (xssFrom(input) && !XML_DOCUMENT.test(input.decoded) ? input.decoded : null),
  },
];
