// Prototype pollution (PATT "Prototype Pollution", CAPEC-1 family; CWE-1321): JavaScript
// servers that merge a parsed query, form or JSON body into an object (qs, lodash.merge,
// jQuery.extend) follow keys as a path, and the path __proto__ or constructor → prototype writes
// to Object.prototype, so every object in the process inherits the attacker's property (an
// isAdmin, a shell option, a template setting). Names are read as paths: a[b][c], a.b.c,
// a["b"], and JSON text or a query string inside a value is read for its keys and names.
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { pathSegments } from "../parameter-path.ts";

/** The segments, in order, that reach a prototype: __proto__, or constructor followed by prototype. */
export function pollutingPath(segments: readonly string[]): string | null {
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k]!;
    if (s === "__proto__") return segments.slice(k).join(".");
    if (s === "constructor" && segments[k + 1] === "prototype") return segments.slice(k).join(".");
  }
  return null;
}

function inName(i: Input): string | null {
  if (!i.part.endsWith("#name")) return null;
  const text = i.decoded;
  if (!text.includes("__proto__") && !text.includes("prototype")) return null;
  // A JSON key arrives as its own name, its path in the part ("a.constructor#name" for "prototype").
  const segments =
    i.field === "http.request.body.content" && i.part.startsWith(".")
      ? pathSegments(i.part.slice(0, -"#name".length))
      : pathSegments(text);
  return pollutingPath(segments);
}

/**
 * A polluting path inside a value: a JSON key ("__proto__": …, "__proto__.x": …, "constructor":
 * {"prototype": …}) or a query string's name (a referrer or redirect URL carrying
 * ?__proto__[x]=1, #a[constructor][prototype]=…). At most 16 candidates each.
 */
function inText(text: string): string | null {
  if (!text.includes("__proto__") && !text.includes("prototype")) return null;
  const nested = /["']constructor["']\s*:\s*\{\s*["']prototype["']\s*:/.exec(text);
  if (nested) return nested[0];
  let n = 0;
  for (const m of text.matchAll(/["']([^"'\n]{1,120})["']\s*:|(?:^|[?&#;\s])([^=&?#\s]{1,200})\s*=/g)) {
    if (++n > 16) break;
    const found = pollutingPath(pathSegments(m[1] ?? m[2]!));
    if (found) return m[0].trim();
  }
  return null;
}

export const PROTOTYPE_POLLUTION: PayloadDetector[] = [
  {
    id: "sn-prototype-pollution",
    title: "Prototype pollution: __proto__ or constructor.prototype as a parameter path or JSON key",
    category: "prototype_pollution",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => inName(i) ?? (i.part.endsWith("#name") ? null : inText(i.decoded)),
  },
];
