// CSS that runs script (WSTG-CLNT-05, CSS injection): IE's expression(), url() or @import
// pointing at a script URL, and the binding properties (-moz-binding, behavior) that attach
// script to an element. Read after the CSS tokenizer's own normalization: comments removed and
// escapes (\65 xpression, \28) undone, so the property and function names are what the engine sees.
import { scriptUrl } from "./script-url.ts";

const MAX_CSS = 8192;

/** CSS text with comments removed and escapes decoded (CSS Syntax §4.3.7). Linear. */
export function normalizeCss(css: string): string {
  const s = css.length > MAX_CSS ? css.slice(0, MAX_CSS) : css;
  let out = "";
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === "/" && s[i + 1] === "*") {
      const close = s.indexOf("*/", i + 2);
      i = close < 0 ? s.length : close + 2;
      continue;
    }
    if (c === "\\") {
      let j = i + 1;
      let hex = "";
      while (j < s.length && hex.length < 6 && /[0-9a-f]/i.test(s[j]!)) hex += s[j++];
      if (hex) {
        if (s[j] === " " || s[j] === "\t" || s[j] === "\n") j++;
        const code = parseInt(hex, 16);
        out += code > 0 && code <= 0x10ffff ? String.fromCodePoint(code).toLowerCase() : "\ufffd";
        i = j;
      } else if (s[j] === "\n" || j >= s.length) i = j + 1;
      else {
        out += s[j]!.toLowerCase();
        i = j + 1;
      }
      continue;
    }
    out += c.toLowerCase();
    i++;
  }
  return out;
}

const FUNCTION = /(expression|url|image|image-set|-webkit-image-set)\s*\(\s*(["']?)/g;
const BINDING = /(?:^|[;{\s"'])(-moz-binding|behavior)\s*:\s*url\s*\(/;
const IMPORT = /@import\s*(?:url\s*\(\s*)?["']?\s*([^"')\s;]{1,200})/;

/** The part of `css` that runs script, or null. */
export function cssScript(css: string): string | null {
  if (!/[(:@\\]/.test(css)) return null;
  // An at-rule whose name starts with an escape (@\69mport): written only to hide it from filters.
  const escapedAt = css.indexOf("@\\");
  if (escapedAt >= 0) return css.slice(escapedAt, escapedAt + 80);
  const text = normalizeCss(css);
  FUNCTION.lastIndex = 0;
  for (let m = FUNCTION.exec(text); m; m = FUNCTION.exec(text)) {
    if (m[1] === "expression") return text.slice(m.index, m.index + 80);
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const close = m[2] ? rest.indexOf(m[2]) : rest.indexOf(")");
    const url = close < 0 ? rest : rest.slice(0, close);
    // url(javascript… cut off where the value ends: the page's text completes it.
    const bare = url.replace(/\s/g, "");
    if (scriptUrl(url) || (close < 0 && /^(?:java|vb)script:?$/.test(bare)))
      return text.slice(m.index, m.index + m[0].length + url.length + 1);
  }
  const binding = BINDING.exec(text);
  if (binding) return text.slice(binding.index, binding.index + 80).trim();
  const imported = IMPORT.exec(text);
  if (imported && (scriptUrl(imported[1]!) || /^(?:[a-z]+:)?\/\//.test(imported[1]!))) return imported[0];
  return null;
}

/** A value that is itself a CSS declaration list running script (injected into a style attribute or sheet). */
export function cssDeclarationScript(value: string): string | null {
  if (!/[:@]/.test(value)) return null;
  const found = cssScript(value);
  if (!found) return null;
  // Declarations: "prop: …expression(" or an at-rule; prose naming expression() has no "prop:".
  return /(?:^|[;{\s"'=])[-a-z]{1,40}\s*:|@import/.test(normalizeCss(value)) ? found : null;
}
