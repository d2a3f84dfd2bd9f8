// XML external entities (OWASP WSTG-INPV-07, CAPEC-201 and CAPEC-221, billion laughs CAPEC-197):
// a request that carries its own document type declaration tells the server's XML parser to
// fetch files and URLs (external entities, an external DTD), to chain parameter entities for
// out-of-band exfiltration, or to expand entities exponentially. XInclude does the fetching from
// inside the document. The DTD grammar is in dtd.ts; the markup is looked for in the body and in
// every value (SOAP in a parameter, SVG in an upload, XML in a JSON string).
import { WEB, type PayloadDetector } from "../../payloads/types.ts";
import { declarations } from "./dtd.ts";

const XINCLUDE =
  /<[\w-]{1,20}:include\b[^>]{0,200}\bhref\s*=|xmlns:[\w-]{1,20}\s*=\s*["']http:\/\/www\.w3\.org\/2001\/xinclude/;

function external(text: string): string | null {
  if (!text.includes("<!")) return null;
  for (const d of declarations(text)) {
    if (d.kind === "entity" && (d.external || d.parameter)) return d.text;
    if (d.kind === "doctype" && d.external && !d.w3c) return d.text;
  }
  return null;
}

function expansion(text: string): string | null {
  if (!text.includes("<!")) return null;
  for (const d of declarations(text)) if (d.kind === "entity" && d.nested) return d.text;
  return null;
}

export const XML_ENTITIES: PayloadDetector[] = [
  {
    id: "sn-xxe-external-entity",
    title: "XXE: external or parameter entity, or external DTD, declared in the request",
    category: "xxe",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) => external(i.decoded),
  },
  {
    id: "sn-xxe-entity-expansion",
    title: "XXE: entity defined by other entities (billion laughs expansion)",
    category: "xxe",
    points: 5,
    technique: "T1499.004",
    paranoia: 1,
    match: (i) => expansion(i.decoded),
  },
  {
    id: "sn-xxe-xinclude",
    title: "XXE: XInclude of a file or URL",
    category: "xxe",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) => (i.decoded.includes("include") ? (XINCLUDE.exec(i.decoded)?.[0] ?? null) : null),
  },
  {
    id: "sn-xxe-internal-entity",
    title: "XXE: entity declaration in a request (internal entity)",
    category: "xxe",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (i) =>
      i.decoded.includes("<!") ? (declarations(i.decoded).find((d) => d.kind === "entity")?.text ?? null) : null,
  },
];
