// Cross-site scripting: each pattern needs the syntax a script injection cannot do without (a
// script tag, a tag or attribute with a handler, a script URI, a DOM sink, obfuscated script),
// which ordinary text rarely has. The user agent is read too: applications log and show it.
import { withoutComments } from "./decode.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";
import type { Input } from "./inputs.ts";

const FIELDS = [...BODYLESS, "user_agent.original"] as const;

/** Letters spaced out after "<" (< f o r m), closed up again. */
const closeUpTags = (text: string) =>
  /<\s*[a-z]\s+[a-z]\s/.test(text)
    ? text.replace(/<\s*((?:[a-z:]\s+){2,}[a-z:])(?![a-z])/g, (_, name: string) => `<${name.replace(/\s+/g, "")}`)
    : text;

/**
 * Characters past ASCII cut down to their low 7 bits, the way a page served as US-ASCII reads
 * them: ¼script¾ is <script>. Escaped bytes (\xbc, %bc, %2f) count as bytes, and UTF-8 sequences among
 * them as one character. Built from the raw input, as decoding folds ¼ into "1⁄4"; "" when there
 * is nothing past ASCII. `wide` also truncates characters past U+00FF (code casting a wide char to
 * a byte: Cyrillic м is "<"), and blanks literal "<" and ">" so any markup left came from the
 * truncation alone; ordinary Cyrillic text truncates to brackets too, so only a whole element
 * is read in that view.
 */
const sevenBit = (i: Input, wide = false) => {
  if (!/[^\x00-\x7f]|\\x[89a-f]|%[89a-f]/i.test(i.raw)) return "";
  const bytes = i.raw
    .slice(0, 4096)
    .replace(/\\x([0-9a-f]{2})|%([0-9a-f]{2})/gi, (_, a?: string, b?: string) =>
      String.fromCharCode(parseInt((a ?? b)!, 16)),
    );
  const chars = bytes.replace(/[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}/g, (seq) => {
    const text = Buffer.from(seq, "latin1").toString("utf8");
    return text.includes("\ufffd") ? seq : text;
  });
  return (wide ? chars.replace(/[<>]/g, " ") : chars)
    .replace(wide ? /[^\x00-\x7f]/gu : /[\x80-\xff]/g, (c) => String.fromCharCode(c.codePointAt(0)! & 0x7f))
    .toLowerCase();
};
/** A whole element wrapping a call, brackets and all from truncated characters: ¼b¾run(1)¼/b¾. */
const truncatedElement = /<([a-z][\w-]{0,20})[^<>]{0,80}>[^<>]{0,100}[\w$\]]\s*\([^<>]{0,100}<\/\1\s*>/;

const ACTIVE_TAGS =
  "script|iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|style|form|isindex|xss|import|template|portal|dialog|vmlframe|animate|set|handler|listener";
const scriptTag = /<\s*(?:\/\s*)?(?:[a-z]{1,10}\s*:\s*)?script\b[^>]{0,2048}>?/;
/**
 * A bare tag (<script>, <svg>) named in a sentence, as in "the <script> tag runs first", carries
 * nothing: an injection puts attributes in it, or markup, code or nothing at all after it.
 */
const BARE_TAG = /^<\s*[a-z:]{1,20}\s*>$/;
const PROSE_AFTER = /^[\s\w,:!?'’-]{1,100}(?:\.\s*)?$|^[\s\w,:!?'’-]{1,100}\.\s+[a-z]/;
const unlessNamedInProse = (text: string, re: RegExp): string | null => {
  const m = re.exec(text);
  if (!m) return null;
  return BARE_TAG.test(m[0]) && PROSE_AFTER.test(text.slice(m.index + m[0].length)) ? null : m[0];
};
const activeTag = new RegExp(
  String.raw`<\s*(?:[a-z]{0,10}:)?(?:${ACTIVE_TAGS})\b[^>]*>?|<\s*\?\s*import\b|<\s*(?:\?\s*)?import\s*(?:namespace|implementation)\s*=`,
);
/**
 * The first match of `attribute` inside an opened tag: from the end of an `open` match to the next
 * ">" (or the end). Only the first tag of each ">"-free stretch is read: a later one's attributes
 * are part of the first's stretch, so reading it again finds nothing new. The regex \`<tag[^>]*attr\`
 * re-read the stretch from every "<" in it instead: quadratic on "<a <a <a …".
 */
function inOpenTag(text: string, opener: RegExp, attribute: RegExp): string | null {
  for (let from = 0; from < text.length;) {
    opener.lastIndex = from;
    const tag = opener.exec(text);
    if (!tag) return null;
    const start = tag.index + tag[0].length;
    const close = text.indexOf(">", start);
    const end = close < 0 ? text.length : close;
    const found = attribute.exec(text.slice(start, end));
    if (found) return text.slice(tag.index, start + found.index + found[0].length);
    if (close < 0) return null;
    from = close + 1;
  }
  return null;
}
const TAG_OPEN = /<[a-z][\w:-]*[\s/]/g;
const HANDLER_ATTRIBUTE = /\bon[a-z]{3,}\s*=/;
const tagWithHandler = (text: string) => inOpenTag(text, TAG_OPEN, HANDLER_ATTRIBUTE);
const MEDIA_OPEN =
  /<\s*(?:img|image|video|audio|source|body|input|details|marquee|a|div|button|textarea|select|keygen)\b/g;
const SCRIPT_ATTRIBUTE =
  /\b(?:src|href|action|formaction|background|dynsrc|lowsrc|style)\s*=\s*(?:["']\s*)?(?:javascript|vbscript|data|&#|\\)/;
/** An attribute smuggled into a tag the page already has: a break-out, then on<event>= and script. */
const attributeHandler =
  /(?:^|["'`;/(\s])on[a-z]{3,30}\s*=\s*(?:["'`(]\s*)?(?:[\w$.[\]]{1,40}\s*[(`]|[\w$]{1,30}\s*\.\s*[\w$]{1,30}|alert|prompt|confirm|eval|javascript:|this\b)/;
/** In a parameter or cookie name, where "=" never belongs: on<event>= is the injection itself. */
const handlerInName = /(?:^|[\s"'`/;])on[a-z]{3,50}\s*=/;
/** A quote closing the attribute, then a new event or form attribute left open at the very end. */
const openAttribute = /["'`]\s*(?:on[a-z]{3,50}|formaction)\s*=\s*$/;

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
    id: "sn-xss-script-tag",
    title: "XSS: script tag",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      unlessNamedInProse(closeUpTags(i.decoded), scriptTag) ??
      unlessNamedInProse(sevenBit(i), scriptTag) ??
      truncatedElement.exec(sevenBit(i, true))?.[0] ??
      null,
  },
  {
    id: "sn-xss-event-handler",
    title: "XSS: event handler attribute",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      tagWithHandler(i.decoded) ??
      attributeHandler.exec(i.decoded)?.[0] ??
      openAttribute.exec(i.decoded)?.[0] ??
      (i.part.endsWith("#name") ? (handlerInName.exec(i.decoded)?.[0] ?? null) : null),
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
      return (
        /\b(?:java|vb|live)script:|\bdata:(?:text\/html|image\/svg\+xml|application\/x?html)|\bdata:[\w/+.-]{0,40}(?:;[\w=-]{1,40})*,<[a-z!/?]|url\(["']?(?:java|vb)script/.exec(
          compact,
        )?.[0] ?? null
      );
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
      unlessNamedInProse(closeUpTags(i.decoded), activeTag) ??
      inOpenTag(i.decoded, MEDIA_OPEN, SCRIPT_ATTRIBUTE) ??
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
        /(?:^|[;'"`>(\s+\-*/|&])(?:alert|prompt|confirm|eval|settimeout|setinterval|fetch|atob|btoa)(?:\(|`|\s+\((?=[^)]{0,60}\)\s*(?:[;<\-+*/|&'"`]|$)))[^)]{0,60}\)?\s*(?:[;<\-+*/|&'"`]|$)|\bdocument\s*\.\s*(?:(?:cookie|domain)\b(?!\s+[a-z]{2,}\b(?!\s*[=(]))|write(?:ln)?\s*\()|\bwindow\s*\.\s*(?:location|name|open\s*\()|\bstring\s*\.\s*fromcharcode\s*\(|\.innerhtml\s*=|\bconstructor\s*\(\s*['"]|\bnew\s+function\s*\(/.exec(
          code,
        )?.[0] ??
        // Property access by string, the way filters on "document.cookie" are dodged.
        /\b(?:document|window|self|top|parent|frames|globalthis|content)\s*(?:\)\s*)?(?:\.\s*cookie\b(?!\s+[a-z]{2,}\b(?!\s*[=(]))|\[\s*["'`]\s*(?:alert|prompt|confirm|eval|cookie|document|location|domain|atob|fetch|constructor|\$|\\x[0-9a-f]{2}|\\u))/.exec(
          code,
        )?.[0] ??
        // A global object indexed by a computed name and called: top["al"+"ert"](1), self[atob(…)](1).
        /\b(?:window|self|top|parent|frames|globalthis|this)\[[^\]]{0,80}['"`(+][^\]]{0,80}\]\s*(?:\(|`)/.exec(
          code,
        )?.[0] ??
        // A tagged template calling a function without parentheses: [].sort.call`${alert}1`.
        /\.\s*(?:call|apply|bind)\s*`|`[^`]{0,100}\$\{\s*(?:alert|prompt|confirm|eval|atob|fetch|document|window|self|top|navigation|location)\b/.exec(
          code,
        )?.[0] ??
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
    id: "sn-xss-css-binding",
    title: "XSS: CSS binding to script",
    category: "xss",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: FIELDS,
    match: (i) => /-moz-binding\s*:\s*url\s*\(|\bbehavior\s*:\s*url\s*\(/.exec(i.decoded)?.[0] ?? null,
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
