// The document type declaration of XML 1.0 (section 2.8 and 4.2), read as the parser reads it:
//   <!DOCTYPE name [ExternalID] ["[" intSubset "]"] >      ExternalID = SYSTEM "uri" | PUBLIC "id" "uri"
//   <!ENTITY [%] name (EntityValue | ExternalID [NDATA n]) >
// An ExternalID makes the parser fetch a URI (a file, an internal URL, an attacker's DTD); a
// parameter entity (%) is how out-of-band exfiltration chains entities; entities whose values
// refer to other entities multiply (billion laughs). Declarations are found by their keywords,
// each read once, at most MAX_DECLARATIONS per value.

export type Declaration =
  | { kind: "entity"; parameter: boolean; external: boolean; nested: boolean; text: string }
  | { kind: "doctype"; external: boolean; w3c: boolean; text: string };

const MAX_DECLARATIONS = 32;

const skipSpace = (text: string, i: number) => {
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r" || text[i] === "\n")) i++;
  return i;
};
const readName = (text: string, i: number) => {
  const start = i;
  while (i < text.length && i - start < 128 && /[\w.:-]/.test(text[i]!)) i++;
  return i;
};
/** A quoted literal at i: its end (past the closing quote) and content, or null. Literals are read up to 2 KB. */
const readLiteral = (text: string, i: number) => {
  const q = text[i];
  if (q !== '"' && q !== "'") return null;
  const end = text.indexOf(q, i + 1);
  if (end < 0 || end - i > 2048) return null;
  return { end: end + 1, value: text.slice(i + 1, end) };
};

/** After SYSTEM/PUBLIC at i: whether an ExternalID is there, and the public id. */
function externalId(text: string, i: number): { ok: boolean; publicId: string; end: number } {
  const keyword = text.startsWith("system", i) ? "system" : text.startsWith("public", i) ? "public" : null;
  if (!keyword) return { ok: false, publicId: "", end: i };
  let j = skipSpace(text, i + 6);
  const first = readLiteral(text, j);
  if (!first) return { ok: false, publicId: "", end: i };
  if (keyword === "system") return { ok: true, publicId: "", end: first.end };
  j = skipSpace(text, first.end);
  const second = readLiteral(text, j);
  return { ok: second !== null, publicId: first.value, end: second?.end ?? first.end };
}

export function declarations(text: string): Declaration[] {
  const out: Declaration[] = [];
  let from = 0;
  while (out.length < MAX_DECLARATIONS) {
    const at = text.indexOf("<!", from);
    if (at < 0) break;
    from = at + 2;
    let i = skipSpace(text, at + 2);
    if (text.startsWith("entity", i)) {
      i = skipSpace(text, i + 6);
      const parameter = text[i] === "%";
      if (parameter) i = skipSpace(text, i + 1);
      const nameEnd = readName(text, i);
      if (nameEnd === i) continue;
      i = skipSpace(text, nameEnd);
      const ext = externalId(text, i);
      const literal = ext.ok ? null : readLiteral(text, i);
      if (!ext.ok && !literal) continue;
      const nested = literal !== null && /[&%][\w.:-]{1,64};|<!entity/.test(literal.value);
      out.push({
        kind: "entity",
        parameter,
        external: ext.ok,
        nested,
        text: text.slice(at, Math.min(text.length, (ext.ok ? ext.end : literal!.end) + 2)),
      });
    } else if (text.startsWith("doctype", i)) {
      i = skipSpace(text, i + 7);
      const nameEnd = readName(text, i);
      if (nameEnd === i) continue;
      i = skipSpace(text, nameEnd);
      const ext = externalId(text, i);
      const ok = ext.ok || text[i] === "[" || text[i] === ">";
      if (!ok) continue;
      out.push({
        kind: "doctype",
        external: ext.ok,
        w3c: ext.publicId.startsWith("-//w3c//"),
        text: text.slice(at, Math.min(text.length, (ext.ok ? ext.end : i) + 2)),
      });
    }
  }
  return out;
}
