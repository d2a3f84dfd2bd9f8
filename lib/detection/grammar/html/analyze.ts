// The XSS reading of one decoded value (WSTG-INPV-01/-02, CAPEC-63/-86/-198/-199/-243/-244): what
// a browser would run if the value were written into a page. The value is tokenized as HTML in
// each context it may land in: as text between tags, and just after an attribute's opening (a
// double quote, a single quote, or an unquoted value: a value holding that quote or a space
// breaks out and writes attributes of its own). Then, by meaning: an element that runs or loads
// script, any on* attribute, a script URL in any attribute, CSS that runs script; and, outside
// HTML, the value read as a URL, as a client-side template expression, and as JavaScript in its
// string contexts. Each finding has a kind (the detector it feeds) and the evidence.
import { urlDecoded } from "@/lib/detection/payloads/decode.ts";
import { decodeAttributeRefs } from "./char-refs.ts";
import { cssDeclarationScript, cssScript, normalizeCss } from "./css.ts";
import { looksLikeCode, looksLikeScript, scriptInAnyContext, scriptSink } from "./js-sinks.ts";
import { scriptUrl } from "./script-url.ts";
import { localName, tokenize, type Attribute, type HtmlToken } from "./tokenizer.ts";

export type FindingKind =
  | "script-element"
  | "event-handler"
  | "script-url"
  | "active-element"
  | "css-script"
  | "template-expression"
  | "script-sink";

export type Findings = Partial<Record<FindingKind, string>>;

const MAX_DEPTH = 2;
/** A JSX handler in a code sample, onClick={handleClick}: run as a handler it only names a function, never calls it. */
const JSX_REFERENCE = /^\{\s*[a-z_$][\w$]{0,60}(?:\.[a-z_$][\w$]{0,60}){0,4}\s*\}$/;
const DIRECTIVE = /^(?:v-[a-z][\w-]*(?::.*)?|[:@#][a-z[_].*|(?:data-)?ng-[a-z][\w-]*|x-[a-z][\w-]*(?::.*)?)$/;
/** Elements that `document` exposes by their name (HTML §3.1.6, named properties of Document). */
const NAMED_ACCESS = new Set(["img", "form", "embed", "object", "iframe", "image"]);
/** Document members that scripts rely on and a named element would shadow. */
const CLOBBERED = new Set([
  "cookie",
  "domain",
  "location",
  "referrer",
  "body",
  "head",
  "documentelement",
  "currentscript",
  "defaultview",
  "implementation",
  "getelementbyid",
  "getelementsbytagname",
  "getelementsbyclassname",
  "queryselector",
  "queryselectorall",
  "createelement",
  "write",
  "forms",
  "images",
  "scripts",
  "baseuri",
]);
const HANDLER = /^on[a-z]{3,40}$/;
const FRAMES = new Set(["iframe", "frame", "portal", "fencedframe", "layer", "ilayer", "vmlframe"]);
const PLUGINS = new Set(["object", "embed", "applet"]);
const ANIMATIONS = new Set(["animate", "set", "animatetransform", "animatemotion", "animatecolor"]);
/** A javascript: URL that does nothing (href="javascript:void(0)" in pasted markup). */
const NO_OP_SCRIPT = /^\s*(?:void\s*\(?\s*0\s*\)?|undefined|false|null)?\s*;?\s*$/;

const shown = (text: string, at: number, end: number) => text.slice(at, Math.min(end, at + 160));

function urlFinding(value: string, inTag: boolean): string | null {
  const url = scriptUrl(value);
  if (!url) return null;
  if (url.scheme === "data") return url.body.includes(",") || inTag ? `data:${url.body.slice(0, 60)}` : null;
  const body = url.body;
  if (url.scheme === "javascript" || url.scheme === "livescript" || url.scheme === "mocha") {
    // Outside a tag the value must be the URL itself, and not the start of a sentence ("javascript: the good parts").
    if (
      inTag
        ? NO_OP_SCRIPT.test(body)
        : !body.trim() || (/^\s+[a-z]/.test(body) && !scriptSink(body) && !looksLikeScript(body))
    )
      return null;
  } else if (!/[a-z]/.test(body)) return null;
  return `${url.scheme}:${body.slice(0, 80)}`;
}

function note(findings: Findings, kind: FindingKind, evidence: string | null | undefined) {
  if (evidence && findings[kind] === undefined) findings[kind] = evidence.slice(0, 200);
}

const value = (a: Attribute) => decodeAttributeRefs(a.raw);
const attr = (tag: { attributes: Attribute[] }, name: string) => tag.attributes.find((a) => a.name === name);

/** What one start tag does; `breakout`: the tag was opened by the page, the value only added attributes to it. */
function readTag(
  tag: Extract<HtmlToken, { kind: "start" }>,
  following: HtmlToken | undefined,
  text: string,
  findings: Findings,
  depth: number,
  breakout: boolean,
) {
  const local = localName(tag.name);
  const evidence = shown(text, tag.at, tag.end);
  for (const [index, a] of tag.attributes.entries()) {
    if (breakout && index === 0) continue;
    const v = value(a);
    if (HANDLER.test(a.name)) {
      // In a tag the value wrote itself, any handler runs; added to the page's tag, it must hold
      // script, or be left open at the very end for the page's text to fill.
      const atEnd = tag.open && index === tag.attributes.length - 1 && v.trim() === "";
      const runs = breakout ? scriptSink(v) || looksLikeScript(v) || (atEnd && a.hasValue) : v.trim() !== "";
      if (runs && !JSX_REFERENCE.test(v)) note(findings, "event-handler", evidence);
      continue;
    }
    // <img src= onmouseover="…">: the tokenizer makes the handler src's value; browsers of the
    // cheat sheets' time (and filters expecting a value) read it as an attribute of its own.
    const nested = /^(on[a-z]{3,40})\s*=\s*["'`]?/.exec(v);
    if (nested && !HANDLER.test(a.name)) {
      const code = v.slice(nested[0].length).replace(/["'`]\s*$/, "");
      if (scriptSink(code) || looksLikeScript(code)) note(findings, "event-handler", evidence);
    }
    // IE data binding: dataformatas=html renders the bound island's text as markup.
    if (!breakout && (a.name === "datasrc" || (a.name === "dataformatas" && /html/.test(v))) && v.trim())
      note(findings, "active-element", evidence);
    // A framework directive (Vue v-*, :x, @x; Angular ng-*; Alpine x-*): its value is an expression
    // the framework evaluates, so it is client-side template injection when it runs something.
    if (DIRECTIVE.test(a.name) && v.trim() && (scriptSink(v) || /\bconstructor\b[\s\S]{0,40}[(`]/.test(v)))
      note(findings, "template-expression", evidence);
    // DOM clobbering: an element the document exposes by name, named after a property scripts read.
    if ((a.name === "name" || a.name === "id") && NAMED_ACCESS.has(local) && CLOBBERED.has(v.trim()))
      note(findings, "active-element", evidence);
    if (a.name === "style") note(findings, "css-script", cssScript(v));
    else if (a.name === "srcdoc" && v.trim()) {
      if (Object.keys(analyzeHtml(v, depth + 1)).length) note(findings, "active-element", evidence);
    } else if (a.name === "formaction" && !breakout && v.trim()) note(findings, "active-element", evidence);
    const parts = a.name === "values" ? v.split(";") : [v];
    for (const part of parts) note(findings, "script-url", urlFinding(part, true));
  }
  if (breakout) return;
  const has = (name: string) => (attr(tag, name)?.raw.trim() ?? "") !== "";
  if (local === "script") {
    const body = following?.kind === "text" && following.of === "script" ? following.text : "";
    const nothingAfter = tag.end >= text.trimEnd().length;
    const emptyPair = following?.kind === "end" && localName(following.name) === "script";
    // A script element left open at the end of the value runs whatever it holds up to the page's own </script>.
    const unclosed = following?.kind === "text" && following.at + body.length >= text.length && looksLikeCode(body);
    if (tag.attributes.length > 0 || nothingAfter || emptyPair || unclosed || looksLikeScript(body))
      note(findings, "script-element", evidence);
  } else if (FRAMES.has(local)) {
    if (has("src") || has("srcdoc") || has("data") || (tag.open && tag.attributes.length > 0))
      note(findings, "active-element", evidence);
  } else if (PLUGINS.has(local)) {
    // An open tag's last attribute is completed by the page ("<object data =" at the end).
    if (tag.attributes.some((a) => a.raw.trim() !== "") || (tag.open && tag.attributes.length > 0))
      note(findings, "active-element", evidence);
  } else if (local === "base") {
    // Every relative URL of the page resolves against it; an href left open at the end is the page's to fill.
    if (has("href") || (tag.open && attr(tag, "href"))) note(findings, "active-element", evidence);
  } else if (local === "meta") {
    // http-equiv acts as a response header (refresh, set-cookie, link, content-type); a charset
    // re-decodes the rest of the page (UTF-7 markup).
    if (attr(tag, "http-equiv") || attr(tag, "charset") || /url\s*=/.test(attr(tag, "content")?.raw ?? ""))
      note(findings, "active-element", evidence);
  } else if (local === "form" || local === "isindex") {
    if (has("action")) note(findings, "active-element", evidence);
  } else if (local === "link") {
    const rel = attr(tag, "rel")?.raw ?? "";
    const offSite = /^\s*(?:[a-z][\w+.-]*:)?\/\//.test(
      value(attr(tag, "href") ?? { name: "", raw: "", hasValue: false }),
    );
    // A sheet or module the page loads and applies: CSS injection (WSTG-CLNT-05), script in old browsers.
    const loads = /\b(?:import|stylesheet|modulepreload|preload|prefetch|prerender)\b/.test(rel) && attr(tag, "href");
    if (loads || offSite) note(findings, "active-element", evidence);
  } else if (ANIMATIONS.has(local)) {
    const target = attr(tag, "attributename")?.raw.trim() ?? "";
    if (target === "href" || target === "xlink:href" || HANDLER.test(target))
      note(findings, "active-element", evidence);
  } else if (local.startsWith("import") && /^import(?:implementation)?$/.test(local.replace(/=.*$/, ""))) {
    // IE's <import implementation="#default#time2">, also with the space left out: binds an HTC behaviour.
    if (local !== "import" || attr(tag, "implementation")) note(findings, "active-element", evidence);
  } else if (local === "style") {
    const body = following?.kind === "text" && following.of === "style" ? following.text : "";
    note(findings, "css-script", cssScript(body));
    // A sheet the value's own style element imports, wherever it is: CSS injection (WSTG-CLNT-05).
    const imported = /@import\b/.exec(normalizeCss(body));
    if (imported) note(findings, "css-script", `<style>${body.slice(0, 80)}`);
  } else if (local === "xml") {
    // An IE data island: markup held as data, rendered as HTML by an element bound to it.
    if (has("src") || has("id")) note(findings, "active-element", evidence);
  }
}

/** Findings of `text` read as HTML in the data state (and of what its tags carry). */
export function analyzeHtml(text: string, depth = 0, breakout = false): Findings {
  const findings: Findings = {};
  if (depth > MAX_DEPTH || !text.includes("<")) return findings;
  readTokens(tokenize(text), text, findings, depth, breakout);
  // Mutation XSS: inside svg/math a style (title, textarea…) holds markup, not text; which
  // reading the page's parser takes depends on what encloses it, so both are read.
  if (FOREIGN_OPEN.test(text) && FOREIGN_RAW.test(text))
    readTokens(tokenize(text, true), text, findings, depth, breakout);
  return findings;
}

const FOREIGN_OPEN = /<(?:svg|math)[\s/>]/;
const FOREIGN_RAW = /<(?:style|title|textarea|noscript|xmp|iframe|noembed|noframes)[\s/>]/;

function readTokens(tokens: HtmlToken[], text: string, findings: Findings, depth: number, breakout: boolean) {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "start") readTag(t, tokens[i + 1], text, findings, depth, breakout && i === 0);
    // <!--[if IE]>…<![endif]-->: old IE parsed a conditional comment's content as markup.
    else if (t.kind === "comment" && /^\[if\b/.test(t.text)) {
      const inner = analyzeHtml(t.text.slice(t.text.indexOf("]") + 1), depth + 1);
      for (const kind of Object.keys(inner) as FindingKind[]) note(findings, kind, inner[kind]);
    }
    // <?import implementation="…htc">: an IE processing instruction binding script behaviours;
    // <?xml:namespace … ns="urn:schemas-microsoft-com:time"> (or :vml): IE's behaviours for the tags that follow.
    else if (
      t.kind === "comment" &&
      text[t.at + 1] === "?" &&
      (/^\s*import\b/.test(t.text) || (/^\s*xml:namespace\b/.test(t.text) && /urn:schemas-microsoft-com:/.test(t.text)))
    )
      note(findings, "active-element", shown(text, t.at, t.at + 120));
  }
}

/** The attribute contexts a value may be written into, as the markup that opens each. */
const ATTRIBUTE_CONTEXTS = [
  { prefix: '<x a="', needs: '"' },
  { prefix: "<x a='", needs: "'" },
  { prefix: "<x a=", needs: " " },
  // The value appended to an unquoted value the page wrote (value=abc{value}): a leading space
  // ends it. (Right after "=", the tokenizer skips whitespace, so there it would not.)
  { prefix: "<x a=b", needs: "leading space" },
] as const;

/** A client-side template expression that calls something or reaches a constructor: {{constructor.constructor('…')()}}. */
function templateExpression(text: string): string | null {
  for (let at = text.indexOf("{{"); at >= 0 && at < text.length; at = text.indexOf("{{", at + 2)) {
    const close = text.indexOf("}}", at + 2);
    if (close < 0) return null;
    const inner = text.slice(at + 2, Math.min(close, at + 2000));
    if (
      /\bconstructor\b|__proto__|\$(?:eval|on|parent|root)\b/.test(inner) ||
      /[\w$\])]\s*\(/.test(inner) ||
      scriptSink(inner)
    )
      return text.slice(at, close + 2).slice(0, 120);
    at = close;
  }
  return null;
}

/**
 * A handler attribute opened at the very end of the value after what ends an attribute value:
 * "' onmouseover=" leaves the page's own text to be its script.
 */
function openHandlerAtEnd(value: string): string | null {
  // Trimmed by a loop from the end: /["'`\s]+$/ retries from every start of a long run of blanks
  // that does not reach the end, quadratic on "a=" and 24 KB of spaces (0.6 s).
  let end = value.length;
  while (end > 0 && /["'`\s]/.test(value[end - 1]!)) end--;
  const trimmed = value.slice(0, end);
  if (!trimmed.endsWith("=")) return null;
  let i = trimmed.length - 1;
  while (i > 0 && /\s/.test(trimmed[i - 1]!)) i--;
  let start = i;
  while (start > 0 && /[a-z]/.test(trimmed[start - 1]!)) start--;
  const name = trimmed.slice(start, i);
  if (!HANDLER.test(name) && name !== "formaction") return null;
  // What ends an attribute value: its quote, or whitespace for an unquoted one ("/" separates
  // attributes only after a quoted value: in an unquoted one it is part of the value).
  const before = trimmed[start - 1];
  const breaks =
    start === 0 || /["'`\s]/.test(before!) || (before === "/" && start > 1 && /["'`]/.test(trimmed[start - 2]!));
  return breaks ? trimmed.slice(Math.max(0, start - 1)) : null;
}

/**
 * A script scheme inside the text, spelled with the controls and spaces browsers skipped
 * ("j a v a s c r i p t :", "java&tab;script:"), and followed by script: the value lands in a
 * URL somewhere after its start (redirect=…, a srcset, a CSS url()).
 */
function schemeInText(value: string, plain?: string): string | null {
  if (!value.includes(":")) return null;
  let compact = "";
  const at: number[] = [];
  for (let i = 0; i < value.length && compact.length < 8192; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0xa0) || (code >= 0x2000 && code <= 0x200f) || code === 0xfeff)
      continue;
    compact += value[i];
    at.push(i);
  }
  for (let k = compact.indexOf("script:"); k >= 0; k = compact.indexOf("script:", k + 7)) {
    const prefix = compact.slice(Math.max(0, k - 4), k);
    const start = prefix === "java" ? k - 4 : prefix.endsWith("vb") ? k - 2 : -1;
    if (start < 0 || (start > 0 && /[a-z0-9]/.test(compact[start - 1]!))) continue;
    const body = value.slice(at[k + 6]! + 1, at[k + 6]! + 400);
    if (prefix.endsWith("vb") ? /^\s*[a-z]+\s*[(\s"']/.test(body) : scriptSink(body) || looksLikeScript(body))
      return compact.slice(start, k + 60);
    // The scheme spelled so that a filter looking for it misses it: nobody writes that by chance.
    if (plain !== undefined && obfuscated(value.slice(at[start]!, at[k + 6]! + 1), plain))
      return compact.slice(start, k + 60);
  }
  return null;
}

/**
 * The scheme `span` (as decoded) was obfuscated in the value as sent (`plain`: percent encoding
 * undone, lower-cased): character references or escapes spelled it ("j&#x61;vascript:"), or a
 * control or Unicode space sits among its letters ("java&tab;script:"). Ordinary spaces alone
 * are prose ("Java Script: the good parts").
 */
function obfuscated(span: string, plain: string): boolean {
  for (let i = 0; i < span.length; i++) {
    const code = span.charCodeAt(i);
    if (code !== 0x20 && (code < 0x21 || (code >= 0x7f && code <= 0xa0) || code > 0x7e)) return true;
  }
  return !plain.includes(span);
}

/** Elements that run or load script, by name alone. */
const SCRIPT_CAPABLE = new Set([
  ...FRAMES,
  ...PLUGINS,
  "script",
  "base",
  "meta",
  "link",
  "form",
  "isindex",
  "style",
  "svg",
  "math",
  "dialog",
  "template",
  "xml",
  "import",
]);

/**
 * A tag name spelled out with spaces ("< s c r i p t", "<f o r m"): no browser reads it as a
 * tag, but it is how filters that look for the name are probed, and nothing else writes it.
 */
function spelledOutTag(value: string): string | null {
  for (let at = value.indexOf("<"); at >= 0; at = value.indexOf("<", at + 1)) {
    let i = at + 1;
    let name = "";
    while (i < value.length && name.length <= 12) {
      while (value[i] === " " || value[i] === "\t") i++;
      const c = value[i];
      // Stop at the end of the letters, or at two side by side (an ordinary word: "open").
      if (c === undefined || !/[a-z:]/.test(c) || /[a-z]/.test(value[i + 1] ?? "")) break;
      name += c;
      i++;
    }
    const spaced = i - at - 1 > name.length && name.length >= 3;
    if (spaced && SCRIPT_CAPABLE.has(localName(name.replace(/:$/, "")))) return value.slice(at, i);
  }
  return null;
}

const PLUS_SPACED_TAG = /<[a-z][a-z0-9:-]{0,20}\+/;

/** An absolute URL with a query or a fragment: a referrer, a redirect target, a link pasted in a field. */
const URL_WITH_QUERY = /^\s*[a-z][a-z0-9+.-]{1,15}:\/\/[^\s?#]{0,2048}[?#]/;
const MAX_URL_PARTS = 32;

/**
 * The values a URL carries, each read on its own: the page the URL points at writes them into
 * itself, and read whole, JavaScript would take everything after "https:" for a "//" comment.
 */
function urlParameters(value: string): string[] {
  const query = value.slice(value.search(/[?#]/) + 1);
  const out: string[] = [];
  for (const pair of query.split(/[&#]/, MAX_URL_PARTS)) {
    const eq = pair.indexOf("=");
    const part = eq < 0 ? pair : pair.slice(eq + 1);
    // "+" is a space in a query (application/x-www-form-urlencoded).
    if (part) out.push(part.replace(/\+/g, " "));
  }
  return out;
}

/** Elements old IE ran from a namespaced tag, however its prefix was written. */
const NAMESPACED_ACTIVE = new Set(["script", "vmlframe", "iframe", "frame", "object", "embed", "applet", "import"]);
const NAMESPACED_TAG = /<[ \t]{0,4}([a-z]{0,12})[ \t]{0,4}:[ \t]{0,4}([a-z]{3,12})(?![a-z])/g;

/**
 * A namespaced tag that the WHATWG tokenizer reads as text but old IE read as an element: an
 * empty prefix ("<:vmlframe src=…"), or spaces around the colon ("< x: script"). It must end the
 * value or go on as a tag would (">", "/", an attribute with "="): "<note: script runs nightly>"
 * is prose.
 */
function namespacedTag(value: string): { name: string; evidence: string } | null {
  if (!value.includes(":")) return null;
  NAMESPACED_TAG.lastIndex = 0;
  for (let m = NAMESPACED_TAG.exec(value); m; m = NAMESPACED_TAG.exec(value)) {
    const [whole, prefix, name] = m as unknown as [string, string, string];
    if (!NAMESPACED_ACTIVE.has(name) || (prefix !== "" && !/\s/.test(whole))) continue;
    const rest = value.slice(m.index + whole.length, m.index + whole.length + 200);
    if (/^\s*(?:$|[>/]|[a-z-]{1,30}\s*=)/.test(rest)) return { name, evidence: value.slice(m.index, m.index + 80) };
  }
  return null;
}

/** Every finding of `value` (decoded, lower-cased); `raw`, the value as sent, tells obfuscation apart. */
export function analyzeValue(value: string, raw?: string, nested = false): Findings {
  const findings = analyzeHtml(value);
  // "<script+src=…": written for a query string, where "+" is a space; a form decoding on the way
  // to the page makes it the element its author meant.
  if (PLUS_SPACED_TAG.test(value)) {
    const spaced = analyzeHtml(value.replace(/\+/g, " "));
    for (const kind of Object.keys(spaced) as FindingKind[]) note(findings, kind, spaced[kind]);
  }
  if (value.includes("<")) {
    const spelled = spelledOutTag(value);
    note(
      findings,
      spelled && /script$/.test(spelled.replace(/\s/g, "")) ? "script-element" : "active-element",
      spelled,
    );
  }
  const namespaced = value.includes("<") ? namespacedTag(value) : null;
  if (namespaced)
    note(findings, namespaced.name === "script" ? "script-element" : "active-element", namespaced.evidence);
  if (value.includes("=")) note(findings, "event-handler", openHandlerAtEnd(value));
  if (value.includes("<") || /[\s"']/.test(value)) {
    for (const { prefix, needs } of ATTRIBUTE_CONTEXTS) {
      const applies =
        needs === "leading space"
          ? /^\s+(?:on[a-z]|style|href|src|formaction)/.test(value)
          : needs === " "
            ? /[\s/]on[a-z]|\s(?:style|href|src|formaction)\s*=/.test(value)
            : value.includes(needs);
      if (!applies) continue;
      const inAttribute = analyzeHtml(prefix + value, 0, true);
      for (const kind of Object.keys(inAttribute) as FindingKind[])
        note(findings, kind, inAttribute[kind]!.slice(prefix.length - 1));
    }
  }
  const unquoted = value.replace(/^["'`\s]+/, "");
  const plain = raw === undefined ? undefined : urlDecoded(raw).toLowerCase();
  note(findings, "script-url", urlFinding(unquoted, false) ?? schemeInText(value, plain));
  note(findings, "css-script", cssDeclarationScript(value));
  if (value.includes("{{")) note(findings, "template-expression", templateExpression(value));
  if (/[(`=[]|cookie|location|domain|innerhtml|outerhtml|write/.test(value))
    note(findings, "script-sink", scriptInAnyContext(value));
  if (!nested && URL_WITH_QUERY.test(value)) {
    for (const part of urlParameters(value)) {
      const inner = analyzeValue(part, undefined, true);
      for (const kind of Object.keys(inner) as FindingKind[]) note(findings, kind, inner[kind]);
    }
  }
  return findings;
}
