// A browser's HTML tokenizer, simplified where it does not change what runs (WHATWG HTML §13.2.5):
// "<" starts a tag only before an ASCII letter ("</" before a letter: an end tag), so "a < b",
// "<3" and "<=" stay text; a tag name ends at whitespace, "/" or ">"; attributes are separated
// by whitespace or "/" (and need no separator after a quoted value); values are unquoted, '…' or
// "…"; "<!--" opens a comment (closed by "-->" or "--!>"; "<!-->" is one, empty), "<!" and "<?" bogus comments, "<![CDATA[" a CDATA section; the
// content of script, style and the other raw-text and RCDATA elements is text up to their own end
// tag. Names are case-insensitive (the input is read lower-cased). A tag still open at the end of
// the value is kept (marked `open`): an injected tag is often finished by the page around it.
// Linear: every step advances, and the number of tokens is capped.

export interface Attribute {
  name: string;
  /** As written (quotes removed), before character references are decoded. */
  raw: string;
  hasValue: boolean;
}

export type HtmlToken =
  | { kind: "start"; name: string; attributes: Attribute[]; open: boolean; at: number; end: number }
  | { kind: "end"; name: string; at: number; end: number }
  | { kind: "text"; text: string; at: number; /** Content of a raw-text element (script, style…). */ of?: string }
  | { kind: "comment"; text: string; at: number };

/** Elements of SVG and MathML whose content is read as HTML again. */
const FOREIGN_INTEGRATION = new Set(["foreignobject", "desc", "title", "annotation-xml"]);
/** Elements whose content is not markup, up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"]);
const MAX_TOKENS = 2000;
const MAX_ATTRIBUTES = 64;

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\f" || c === "\r";
const isLetter = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** The local name a namespaced or prefixed tag is matched by: "svg:script" is script. */
export const localName = (name: string) => {
  const colon = name.lastIndexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Reads the tag opened at `at` ("<" + letter, or "</" + letter). */
function readTag(s: string, at: number, end: boolean) {
  let i = at + (end ? 2 : 1);
  const nameStart = i;
  while (i < s.length && !isSpace(s[i]) && s[i] !== "/" && s[i] !== ">") i++;
  const name = s.slice(nameStart, i).toLowerCase();
  const attributes: Attribute[] = [];
  while (i < s.length) {
    const c = s[i]!;
    if (isSpace(c) || c === "/") {
      i++;
      continue;
    }
    if (c === ">") return { name, attributes, open: false, end: i + 1 };
    // Attribute name: a leading "=" belongs to it, then up to whitespace, "/", ">" or "=".
    const nameAt = i;
    i++;
    while (i < s.length && !isSpace(s[i]) && s[i] !== "/" && s[i] !== ">" && s[i] !== "=") i++;
    const attribute: Attribute = { name: s.slice(nameAt, i).toLowerCase(), raw: "", hasValue: false };
    let j = i;
    while (j < s.length && isSpace(s[j])) j++;
    if (s[j] === "=") {
      j++;
      while (j < s.length && isSpace(s[j])) j++;
      attribute.hasValue = true;
      const q = s[j];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, j + 1);
        attribute.raw = s.slice(j + 1, close < 0 ? s.length : close);
        j = close < 0 ? s.length : close + 1;
      } else {
        const from = j;
        while (j < s.length && !isSpace(s[j]) && s[j] !== ">") j++;
        attribute.raw = s.slice(from, j);
      }
      i = j;
    }
    if (attributes.length < MAX_ATTRIBUTES) attributes.push(attribute);
  }
  return { name, attributes, open: true, end: s.length };
}

/** The end of a raw-text element's content: its own end tag ("</script" then whitespace, "/" or ">"), or the end of the value. */
function rawTextEnd(s: string, from: number, name: string): number {
  const needle = `</${name}`;
  let at = s.indexOf(needle, from);
  while (at >= 0) {
    const after = s[at + needle.length];
    if (after === undefined || isSpace(after) || after === "/" || after === ">") return at;
    at = s.indexOf(needle, at + needle.length);
  }
  return s.length;
}

/**
 * The tokens of `s` (lower-cased text expected; names are lower-cased anyway). `foreignMarkup`:
 * inside svg/math (outside their HTML integration points) the raw-text elements other than
 * script hold markup, as in foreign content; the default reads them as HTML does.
 */
export function tokenize(s: string, foreignMarkup = false): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let i = 0;
  let textFrom = 0;
  // Open svg/math elements, and HTML integration points (foreignObject, desc, title) inside them:
  // only in foreign content proper is "<![CDATA[" a CDATA section.
  let foreign = 0;
  let integration = 0;
  const flushText = (to: number) => {
    if (to > textFrom) tokens.push({ kind: "text", text: s.slice(textFrom, to), at: textFrom });
  };
  while (i < s.length && tokens.length < MAX_TOKENS) {
    const lt = s.indexOf("<", i);
    if (lt < 0) break;
    const next = s[lt + 1];
    if (isLetter(next) || (next === "/" && isLetter(s[lt + 2]))) {
      flushText(lt);
      const isEnd = next === "/";
      const tag = readTag(s, lt, isEnd);
      const tagLocal = localName(tag.name);
      const step = isEnd ? -1 : 1;
      if (tagLocal === "svg" || tagLocal === "math") foreign = Math.max(0, Math.min(64, foreign + step));
      else if (foreign > 0 && FOREIGN_INTEGRATION.has(tagLocal))
        integration = Math.max(0, Math.min(64, integration + step));
      if (isEnd) tokens.push({ kind: "end", name: tag.name, at: lt, end: tag.end });
      else {
        tokens.push({
          kind: "start",
          name: tag.name,
          attributes: tag.attributes,
          open: tag.open,
          at: lt,
          end: tag.end,
        });
        const local = localName(tag.name);
        const foreignContent = foreignMarkup && foreign > 0 && integration === 0 && local !== "script";
        if (!tag.open && RAW_TEXT.has(local) && !foreignContent) {
          const stop = rawTextEnd(s, tag.end, tag.name);
          if (stop > tag.end) tokens.push({ kind: "text", text: s.slice(tag.end, stop), at: tag.end, of: local });
          i = textFrom = stop;
          continue;
        }
        if (!tag.open && local === "plaintext") {
          tokens.push({ kind: "text", text: s.slice(tag.end), at: tag.end, of: local });
          i = textFrom = s.length;
          break;
        }
      }
      i = textFrom = tag.end;
    } else if (next === "!" || next === "?") {
      flushText(lt);
      let close: number;
      let body: string;
      if (s.startsWith("<!--", lt)) {
        // "<!-->" and "<!--->" are whole (empty) comments; "--!>" closes one as "-->" does.
        const empty = s[lt + 4] === ">" ? 5 : s.startsWith("->", lt + 4) ? 6 : 0;
        const dashes = empty ? -1 : s.indexOf("-->", lt + 4);
        const bang = empty ? -1 : s.indexOf("--!>", lt + 4);
        const stop = bang >= 0 && (dashes < 0 || bang < dashes) ? bang : dashes;
        close = empty ? lt + empty : stop < 0 ? s.length : stop + (stop === bang ? 4 : 3);
        body = empty ? "" : s.slice(lt + 4, stop < 0 ? s.length : stop);
      } else if ((s.startsWith("<![cdata[", lt) || s.startsWith("<![CDATA[", lt)) && foreign > 0 && integration === 0) {
        // Outside SVG/MathML a CDATA section is a bogus comment; inside them its text is text.
        const stop = s.indexOf("]]>", lt + 9);
        close = stop < 0 ? s.length : stop + 3;
        tokens.push({ kind: "text", text: s.slice(lt + 9, stop < 0 ? s.length : stop), at: lt + 9 });
        i = textFrom = close;
        continue;
      } else {
        const stop = s.indexOf(">", lt + 2);
        close = stop < 0 ? s.length : stop + 1;
        body = s.slice(lt + 2, stop < 0 ? s.length : stop);
      }
      tokens.push({ kind: "comment", text: body, at: lt });
      i = textFrom = close;
    } else i = lt + 1;
  }
  if (tokens.length < MAX_TOKENS) flushText(s.length);
  return tokens;
}
