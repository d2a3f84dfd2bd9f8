// Server-side includes (OWASP WSTG-INPV-08, CAPEC-101): a value stored or echoed into a page
// that the web server parses for SSI (Apache mod_include, nginx ssi, IIS) runs its directives.
// The directive grammar is `<!--#name attr="value" … -->`; a known directive name with an
// attribute (or the bare ones that need none) is a directive, whatever the spacing and quoting.
// exec runs a command; include, echo, printenv, config, set, fsize, flastmod read files and the
// environment. Edge Side Includes (<esi:include src=…>) are the caches' equivalent.
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";

const DIRECTIVES = new Set(["exec", "include", "echo", "printenv", "config", "set", "fsize", "flastmod", "if", "elif"]);
/** Directives complete without attributes. */
const BARE = new Set(["printenv", "else", "endif"]);
const ATTRIBUTE = /^[a-z]{2,12}\s*=/;
const ESI = /<esi:(?:include|inline|vars|eval|assign|choose|try|debug)\b[^>]{0,200}>?/;

/** The first SSI directive in the text, as { name, evidence }; each "<!--#" is read once, at most 32 of them. */
export function ssiDirective(text: string): { name: string; evidence: string } | null {
  let from = 0;
  for (let n = 0; n < 32; n++) {
    const at = text.indexOf("<!--#", from);
    if (at < 0) return null;
    from = at + 5;
    let i = from;
    while (i < text.length && text[i]! >= "a" && text[i]! <= "z") i++;
    const name = text.slice(from, i);
    if (!DIRECTIVES.has(name) && !BARE.has(name)) continue;
    const rest = text.slice(i, i + 300);
    const attrs = rest.replace(/^\s+/, "");
    const spaced = attrs.length < rest.length;
    if ((spaced && ATTRIBUTE.test(attrs)) || (BARE.has(name) && /^\s*-->/.test(rest))) {
      const end = text.indexOf("-->", i);
      return { name, evidence: text.slice(at, end < 0 || end > i + 300 ? i + 60 : end + 3) };
    }
  }
  return null;
}

export const SERVER_SIDE_INCLUDES: PayloadDetector[] = [
  {
    id: "sn-ssi-exec",
    title: "SSI injection: <!--#exec--> directive running a command",
    category: "command_injection",
    points: 5,
    technique: "T1059",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => {
      if (!i.decoded.includes("<!--#")) return null;
      const found = ssiDirective(i.decoded);
      return found?.name === "exec" ? found.evidence : null;
    },
  },
  {
    id: "sn-ssi-directive",
    title: "SSI/ESI injection: server-side include directive (include, echo, printenv, esi:include)",
    category: "other",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => {
      if (i.decoded.includes("<!--#")) {
        const found = ssiDirective(i.decoded);
        if (found && found.name !== "exec") return found.evidence;
      }
      return i.decoded.includes("<esi:") ? (ESI.exec(i.decoded)?.[0] ?? null) : null;
    },
  },
];
