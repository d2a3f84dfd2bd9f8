// Cross-site scripting signals the HTML grammar analysis (lib/detection/grammar/html) does not
// cover: script written only in brackets and operators (JSFuck), XML external entities and remote
// XML includes, and the weaker signals of higher paranoia levels (a bare CSS expression, any
// markup). The user agent is read too: applications log and show it.
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const FIELDS = [...BODYLESS, "user_agent.original"] as const;

/** What a user agent needs to carry script; most agents have none of it and skip the detectors. */
const SUSPECT_AGENT = /[<>"'`=[\]{}&%\\]|script|alert|eval|document|window/;
const readsAgentWhenSuspect = (detector: PayloadDetector): PayloadDetector => ({
  ...detector,
  match: (i, sql) =>
    i.field === "user_agent.original" && !SUSPECT_AGENT.test(i.decoded) ? null : detector.match(i, sql),
});

/** A tag, closed: read only up to the last ">", so that every "<" tried has one ahead (after it, each "<" re-read the rest of the value). */
const MARKUP = /<\s*[a-z!\/?][^>]*>/;
const markup = (text: string) => {
  const last = text.lastIndexOf(">");
  return last < 0 ? null : (MARKUP.exec(text.slice(0, last + 1))?.[0] ?? null);
};

const DETECTORS: PayloadDetector[] = [
  {
    id: "sn-xss-jsfuck",
    title: "XSS: script written only in brackets and operators",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) => {
      // Form bodies turn "+" into spaces, so spaces may stand for "+".
      for (const run of i.decoded.match(/[[\]()!+ ]{5,}/g) ?? []) {
        const bare = run.replace(/ /g, "");
        if (bare.length >= 4 && (/!!\[\]/.test(bare) || (bare.match(/!\[\]|\+\[\]|\[\]\+|\]\[/g)?.length ?? 0) >= 2))
          return run.trim();
      }
      return null;
    },
  },
  {
    id: "sn-xss-xml-external",
    title: "XSS/XXE: XML external entity or remote XML include",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      /!entity\s+(?:%\s*)?[\w.-]{1,40}\s+(?:system|public)\b|<\s*[\w-]{1,20}:include\b[^>]{0,80}\bhref\s*=|schemalocation\s*=\s*["'][^"']{0,200}\b(?:https?|ftp):\/\//.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-xss-css-expression",
    title: "XSS: CSS expression",
    category: "xss",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) => /\bexpression\s*\(|@import\s+["']?(?:javascript|data):/.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-xss-angle-bracket",
    title: "HTML markup in a parameter",
    category: "xss",
    points: 2,
    technique: WEB,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) => markup(i.decoded),
  },
];

export const XSS = DETECTORS.map(readsAgentWhenSuspect);
