// The path grammar's payload detectors: traversal (a path that climbs out of its folder), local
// file inclusion (a path that lands on a file worth reading), and stream wrappers. One analysis
// per input serves all three (cached on the Input, which inputsOf never changes).
import { decode } from "@/lib/detection/payloads/decode.ts";
import type { Input } from "@/lib/detection/payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "@/lib/detection/payloads/types.ts";
import { analyzePath, type PathFinding } from "./analyze.ts";
import { hasNul, lenientRaw, nulAsBlank } from "./normalize.ts";
import { wrapperIn } from "./wrapper.ts";

const findings = new WeakMap<Input, PathFinding>();

/**
 * The input's path finding, from its decoded value and, when the raw value calls for them, two
 * more readings: cut at a NUL byte as a C file API would, and decoded leniently (overlong UTF-8,
 * non-hex percent pairs) as old IIS, Java and PHP decoders do.
 */
export function pathFinding(input: Input): PathFinding {
  let finding = findings.get(input);
  if (!finding) {
    const inUrlPath = input.field === "url.original" && input.part === "path";
    finding = { traversal: null, landing: null };
    const done = () => finding!.traversal !== null && finding!.landing !== null;
    const prose = /\s|\+|%(?:25)*(?:20|09|0a)/i.test(input.raw);
    analyzePath(input.decoded, inUrlPath, finding, prose);
    const lenient = done() ? null : lenientRaw(input.raw);
    if (lenient !== null) analyzePath(decode(lenient), inUrlPath, finding, prose);
    if (!done() && hasNul(input.raw)) analyzePath(decode(nulAsBlank(lenient ?? input.raw)), inUrlPath, finding, prose);
    findings.set(input, finding);
  }
  return finding;
}

export const PATH_GRAMMAR: PayloadDetector[] = [
  {
    id: "sn-lfi-traversal",
    title: "Path traversal: a path that climbs out of its starting folder",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) => pathFinding(i).traversal,
  },
  {
    id: "sn-lfi-system-file",
    title: "File inclusion: path to an operating system, credential or configuration file",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    // Scanners and bots put the file they want into the user agent too; a real browser's never names one.
    fields: [...BODYLESS, "user_agent.original"],
    match: (i) => pathFinding(i).landing,
  },
  {
    id: "sn-lfi-wrapper",
    title: "File inclusion: stream wrapper or archive scheme",
    category: "path_traversal",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) => wrapperIn(i.decoded),
  },
];
