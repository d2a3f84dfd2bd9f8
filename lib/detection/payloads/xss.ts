// Cross-site scripting: each pattern needs the syntax a script injection cannot do without (a
// script tag, a tag with a handler, a script URI, a DOM sink), which ordinary text rarely has.
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

export const XSS: PayloadDetector[] = [
  { id: "sn-xss-script-tag", title: "XSS: script tag", category: "xss", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /<\s*\/?\s*script\b[^>]*>?/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-xss-event-handler",
    title: "XSS: HTML tag with an event handler",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /<[a-z][\w:-]*[\s/][^>]*?\bon[a-z]{3,}\s*=/.exec(i.decoded)?.[0] ?? /(?:^|["'`])\s*\/?\s*on(?:error|load|mouse\w+|focus|blur|click|toggle|begin|animation\w+|transition\w+|pointer\w+|key\w+|input|change|submit|wheel|scroll|play|end|start|pageshow|hashchange|message|popstate|resize|unload|beforeunload)\s*=/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-xss-js-uri", title: "XSS: javascript: or data:text/html URI", category: "xss", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /\b(?:java|vb|live)script\s*:|\bdata\s*:\s*(?:text\/html|image\/svg\+xml|application\/x?html)/.exec(i.decoded.replace(/[\s\u0000-\u001f]+/g, ""))?.[0] ?? null },
  {
    id: "sn-xss-dangerous-tag",
    title: "XSS: active HTML element",
    category: "xss",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /<\s*(?:iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|style|form|isindex|xss|import|template|portal)\b[^>]*>?/.exec(i.decoded)?.[0] ?? /<\s*(?:img|image|video|audio|source|body|input|details|marquee|a|div|button|textarea|select|keygen)\b[^>]*\b(?:src|href|action|formaction|background|dynsrc|lowsrc|style)\s*=\s*["']?\s*(?:javascript|vbscript|data|&#|\\)/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-xss-dom-sink", title: "XSS: script code (DOM sink or dialog)", category: "xss", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /(?:^|[;'"`>(\s+\-*/|&])(?:alert|prompt|confirm|eval|settimeout|setinterval|fetch)\s*(?:\(|`)[^)]{0,60}\)?\s*(?:[;<\-+*/|&'"`]|$)|\bdocument\s*\.\s*(?:cookie|domain|write(?:ln)?\s*\()|\bwindow\s*\.\s*(?:location|name|open\s*\()|\bstring\s*\.\s*fromcharcode\s*\(|\.innerhtml\s*=|\bconstructor\s*\(\s*['"]/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-css-expression", title: "XSS: CSS expression or binding", category: "xss", points: 3, technique: WEB, paranoia: 2, fields: BODYLESS, match: (i) => /\bexpression\s*\(|-moz-binding\s*:|behavior\s*:\s*url\s*\(|@import\s+["']?(?:javascript|data):/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-angle-bracket", title: "HTML markup in a parameter", category: "xss", points: 2, technique: WEB, paranoia: 3, fields: BODYLESS, match: (i) => /<\s*[a-z!\/?][^>]*>/.exec(i.decoded)?.[0] ?? null },

];
