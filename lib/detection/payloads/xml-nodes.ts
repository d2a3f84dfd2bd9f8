// The values an XML or SOAP document carries, read by one forward scan (no regex over the whole
// body): attribute values ("@name"), text nodes ("#text"), CDATA sections ("#cdata"), and the
// DOCTYPE with every other declaration (<!ENTITY …>, <?xml-stylesheet …?>) joined into one
// "#doctype" value, so an XXE detector sees the whole internal subset at once. Comments are
// skipped. Malformed markup ends the scan where it breaks; what was read is kept.
import type { Leaf } from "./json-leaves.ts";

/** A body worth reading as XML: it starts with markup and closes an element. */
export const looksXml = (text: string) => /^\s*</.test(text) && (text.includes("</") || text.includes("/>"));

function attributes(tag: string, out: Leaf[]) {
  let at = 0;
  while (at < tag.length) {
    const eq = tag.indexOf("=", at);
    if (eq < 0) return;
    const name = /([\w:.-]{1,64})\s*$/.exec(tag.slice(Math.max(at, eq - 80), eq))?.[1] ?? "";
    let start = eq + 1;
    while (start < tag.length && /\s/.test(tag[start]!)) start++;
    const quote = tag[start];
    if (quote === '"' || quote === "'") {
      const end = tag.indexOf(quote, start + 1);
      if (end < 0) return;
      out.push([`@${name}`, tag.slice(start + 1, end)]);
      at = end + 1;
    } else at = start + 1;
  }
}

export function xmlNodes(text: string, max: number): Leaf[] {
  const out: Leaf[] = [];
  const declarations: string[] = [];
  let at = text.indexOf("<");
  while (at >= 0 && at < text.length && out.length < max) {
    let end: number;
    if (text.startsWith("<!--", at)) {
      end = text.indexOf("-->", at + 4);
      end = end < 0 ? text.length : end + 3;
    } else if (text.startsWith("<![CDATA[", at)) {
      const close = text.indexOf("]]>", at + 9);
      end = close < 0 ? text.length : close + 3;
      out.push(["#cdata", text.slice(at + 9, close < 0 ? text.length : close)]);
    } else if (text.startsWith("<!", at) || text.startsWith("<?", at)) {
      // A DOCTYPE's internal subset [ … ] holds ">" of its own declarations: it ends at "]>".
      const bracket = text.indexOf("[", at);
      const gt = text.indexOf(">", at);
      const subset = text.startsWith("<!doctype", at) || text.startsWith("<!DOCTYPE", at);
      if (subset && bracket >= 0 && (gt < 0 || bracket < gt)) {
        const close = text.indexOf("]", bracket);
        const after = close < 0 ? -1 : text.indexOf(">", close);
        end = after < 0 ? text.length : after + 1;
      } else end = gt < 0 ? text.length : gt + 1;
      if (!text.startsWith("<?xml ", at) || text.slice(at, end).includes("stylesheet"))
        declarations.push(text.slice(at, end));
    } else {
      const gt = text.indexOf(">", at);
      end = gt < 0 ? text.length : gt + 1;
      attributes(text.slice(at + 1, end - 1), out);
    }
    const next = text.indexOf("<", end);
    const node = text.slice(end, next < 0 ? text.length : next).trim();
    if (node) out.push(["#text", node]);
    at = next;
  }
  if (declarations.length > 0) out.unshift(["#doctype", declarations.join("\n")]);
  return out;
}
