// Cross-site scripting: each pattern needs the syntax a script injection cannot do without (a
// script tag, a tag or attribute with a handler, a script URI, a DOM sink, obfuscated script),
// which ordinary text rarely has. The user agent is read too: applications log and show it.
import { withoutComments } from "./decode.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";
import type { Input } from "./inputs.ts";

const FIELDS = [...BODYLESS, "user_agent.original"] as const;

/** Letters spaced out after "<" (< f o r m), closed up again. */
const closeUpTags = (text: string) => (/<\s*[a-z]\s+[a-z]\s/.test(text) ? text.replace(/<\s*((?:[a-z:]\s+){2,}[a-z:])(?![a-z])/g, (_, name: string) => `<${name.replace(/\s+/g, "")}`) : text);

/**
 * US-ASCII with the high bit set: ¼script¾ is <script> to a browser told the page is 7-bit. Read
 * from the raw input, as decoding folds ¼ into "1⁄4".
 */
const sevenBit = (i: Input) =>
  /[\u0080-\u00ff]|\\x[89a-f]|%[89a-f]/i.test(i.raw)
    ? i.raw
        .replace(/\\x([89a-f][0-9a-f])|%([89a-f][0-9a-f])/gi, (_, a?: string, b?: string) => String.fromCharCode(parseInt((a ?? b)!, 16) & 0x7f))
        .replace(/[\u0080-\u00ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) & 0x7f))
        .toLowerCase()
    : "";

const ACTIVE_TAGS = "script|iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|style|form|isindex|xss|import|template|portal|dialog|vmlframe|animate|set|handler|listener";
const scriptTag = /<\s*\/?\s*(?:[a-z]{1,10}\s*:\s*)?script\b[^>]*>?/;
const activeTag = new RegExp(String.raw`<\s*(?:[a-z]{0,10}:)?(?:${ACTIVE_TAGS})\b[^>]*>?|<\s*\?\s*import\b`);
const tagWithHandler = /<[a-z][\w:-]*[\s/][^>]*?\bon[a-z]{3,}\s*=/;
/** An attribute smuggled into a tag the page already has: a break-out, then on<event>= and script. */
const attributeHandler = /(?:^|["'`;/(\s])on[a-z]{3,30}\s*=\s*["'`(]?\s*(?:[\w$.[\]]{1,40}\s*[(`]|[\w$]{1,30}\s*\.\s*[\w$]{1,30}|alert|prompt|confirm|eval|javascript:|this\b)/;
/** In a parameter or cookie name, where "=" never belongs: on<event>= is the injection itself. */
const handlerInName = /(?:^|[\s"'`/;])on[a-z]{3,50}\s*=/;
/** A quote closing the attribute, then a new event or form attribute left open at the very end. */
const openAttribute = /["'`]\s*(?:on[a-z]{3,50}|formaction)\s*=\s*$/;

/** What a user agent needs to carry script; most agents have none of it and skip the detectors. */
const SUSPECT_AGENT = /[<>"'`=[\]{}&%\\]|script|alert|eval|document|window/;
const readsAgentWhenSuspect = (detector: PayloadDetector): PayloadDetector => ({
  ...detector,
  match: (i, sql) => (i.field === "user_agent.original" && !SUSPECT_AGENT.test(i.decoded) ? null : detector.match(i, sql)),
});

const DETECTORS: PayloadDetector[] = [
  { id: "sn-xss-script-tag", title: "XSS: script tag", category: "xss", points: 5, technique: WEB, paranoia: 1, fields: FIELDS, match: (i) => scriptTag.exec(closeUpTags(i.decoded))?.[0] ?? scriptTag.exec(sevenBit(i))?.[0] ?? null },
  {
    id: "sn-xss-event-handler",
    title: "XSS: event handler attribute",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) => tagWithHandler.exec(i.decoded)?.[0] ?? attributeHandler.exec(i.decoded)?.[0] ?? openAttribute.exec(i.decoded)?.[0] ?? (i.part.endsWith("#name") ? handlerInName.exec(i.decoded)?.[0] ?? null : null),
  },
  {
    id: "sn-xss-js-uri",
    title: "XSS: javascript: or data: URI with markup",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) => {
      const compact = i.decoded.replace(/[\s\u0000-\u001f]+/g, "");
      return /\b(?:java|vb|live)script:|\bdata:(?:text\/html|image\/svg\+xml|application\/x?html)|\bdata:[\w/+.-]{0,40}(?:;[\w=-]{1,40})*,<[a-z!/?]|url\(["']?(?:java|vb)script/.exec(compact)?.[0] ?? null;
    },
  },
  {
    id: "sn-xss-dangerous-tag",
    title: "XSS: active HTML element",
    category: "xss",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      activeTag.exec(closeUpTags(i.decoded))?.[0] ??
      /<\s*(?:img|image|video|audio|source|body|input|details|marquee|a|div|button|textarea|select|keygen)\b[^>]*\b(?:src|href|action|formaction|background|dynsrc|lowsrc|style)\s*=\s*["']?\s*(?:javascript|vbscript|data|&#|\\)/.exec(i.decoded)?.[0] ??
      null,
  },
  {
    id: "sn-xss-dom-sink",
    title: "XSS: script code (DOM sink or dialog)",
    category: "xss",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) => {
      const code = withoutComments(i.decoded);
      return (
        /(?:^|[;'"`>(\s+\-*/|&])(?:alert|prompt|confirm|eval|settimeout|setinterval|fetch|atob|btoa)\s*(?:\(|`)[^)]{0,60}\)?\s*(?:[;<\-+*/|&'"`]|$)|\bdocument\s*\.\s*(?:cookie|domain|write(?:ln)?\s*\()|\bwindow\s*\.\s*(?:location|name|open\s*\()|\bstring\s*\.\s*fromcharcode\s*\(|\.innerhtml\s*=|\bconstructor\s*\(\s*['"]|\bnew\s+function\s*\(/.exec(code)?.[0] ??
        // Property access by string, the way filters on "document.cookie" are dodged.
        /\b(?:document|window|self|top|parent|frames|globalthis|content)\s*\)?\s*(?:\.\s*cookie\b|\[\s*["'`]\s*(?:alert|prompt|confirm|eval|cookie|document|location|domain|atob|fetch|constructor|\$|\\x[0-9a-f]{2}|\\u))/.exec(code)?.[0] ??
        // A tagged template calling a function without parentheses: [].sort.call`${alert}1`.
        /\.\s*(?:call|apply|bind)\s*`|`[^`]{0,100}\$\{\s*(?:alert|prompt|confirm|eval|atob|fetch|document|window|self|top|navigation|location)\b/.exec(code)?.[0] ??
        null
      );
    },
  },
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
        if (bare.length >= 4 && (/!!\[\]/.test(bare) || (bare.match(/!\[\]|\+\[\]|\[\]\+|\]\[/g)?.length ?? 0) >= 2)) return run.trim();
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
    match: (i) => /!entity\s+(?:%\s*)?[\w.-]{1,40}\s+(?:system|public)\b|<\s*[\w-]{1,20}:include\b[^>]{0,80}\bhref\s*=|schemalocation\s*=\s*["'][^"']{0,200}\b(?:https?|ftp):\/\//.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-xss-css-binding", title: "XSS: CSS binding to script", category: "xss", points: 4, technique: WEB, paranoia: 1, fields: FIELDS, match: (i) => /-moz-binding\s*:\s*url\s*\(|\bbehavior\s*:\s*url\s*\(/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-css-expression", title: "XSS: CSS expression", category: "xss", points: 3, technique: WEB, paranoia: 2, fields: BODYLESS, match: (i) => /\bexpression\s*\(|@import\s+["']?(?:javascript|data):/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-angle-bracket", title: "HTML markup in a parameter", category: "xss", points: 2, technique: WEB, paranoia: 3, fields: BODYLESS, match: (i) => /<\s*[a-z!\/?][^>]*>/.exec(i.decoded)?.[0] ?? null },
];

export const XSS = DETECTORS.map(readsAgentWhenSuspect);
