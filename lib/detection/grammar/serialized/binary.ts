// Serialized objects of Java, .NET and Python, known by the bytes their formats begin with, read
// from base64 or hex when the request carries them that way. Each check decodes only the first
// bytes, so the cost does not grow with the value.
//   Java serialization: AC ED 00 05 (stream magic and version), then a type code (0x73 object,
//     0x77 block data, 0x75 array…): base64 "rO0AB", hex "aced0005"; gzipped: 1F 8B ("H4sI").
//   .NET BinaryFormatter: a SerializationHeaderRecord, 00 01 00 00 00 FF FF FF FF: "AAEAAAD/////".
//   .NET ObjectStateFormatter / LosFormatter (ViewState): FF 01, then a type token; 0x32 is a
//     BinaryFormatter-serialized object inside (the gadget), while pages' own state uses others.
//   Python pickle: protocol 2+ opens with 80 0N, ends with "." (STOP); it calls something when it
//     has a GLOBAL (c module\nname\n) or STACK_GLOBAL (0x93) and a REDUCE (R). Protocol 0 is text.

/**
 * A base64 run from its start whose first character can begin one of the headers above: the
 * first six bits of AC (Java), 00 (BinaryFormatter), FF (ViewState), 80 (pickle), 1F (gzip) are
 * "r", "A", "/", "g", "H". Other runs (ids, hashes, words) are never decoded.
 */
const B64 = /(?<![A-Za-z0-9+/_-])[rAgH/][A-Za-z0-9+/_-]{11,}={0,2}/g;

const bytesOf = (b64: string, max: number) => Buffer.from(b64.slice(0, Math.ceil((max * 4) / 3) + 4), "base64");

/** The first base64 run in the raw value whose bytes open a serialized object, with the format's name. */
export function serializedBase64(raw: string): { format: string; evidence: string } | null {
  if (raw.length < 12) return null;
  const memo = seen.get(raw);
  if (memo !== undefined) return memo;
  const found = firstSerialized(raw);
  if (seen.size >= 256) seen.clear();
  seen.set(raw, found);
  return found;
}

// Two detectors ask about the same value in turn: the answer for the last few values is kept.
const seen = new Map<string, { format: string; evidence: string } | null>();

function firstSerialized(raw: string): { format: string; evidence: string } | null {
  let n = 0;
  for (const m of raw.matchAll(B64)) {
    if (++n > 16) break;
    const run = m[0].replace(/-/g, "+").replace(/_/g, "/");
    const b = bytesOf(run, 24);
    const evidence = m[0].slice(0, 40);
    if (b[0] === 0xac && b[1] === 0xed && b[2] === 0x00 && b[3] === 0x05) return { format: "java", evidence };
    if (b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08) {
      // gzip: Java objects are often sent compressed; the gzip header alone is a file, so only as a long value.
      if (run.length >= 40) return { format: "gzip", evidence };
    }
    if (
      b[0] === 0x00 &&
      b[1] === 0x01 &&
      b[2] === 0x00 &&
      b[3] === 0x00 &&
      b[4] === 0x00 &&
      b[5] === 0xff &&
      b[6] === 0xff
    )
      return { format: "binaryformatter", evidence };
    if (b[0] === 0xff && b[1] === 0x01 && b[2] === 0x32) return { format: "objectstateformatter", evidence };
    if (b[0] === 0x80 && b[1]! >= 2 && b[1]! <= 5 && pickleCalls(Buffer.from(run, "base64").toString("latin1")))
      return { format: "pickle", evidence };
  }
  return null;
}

/** Hex-encoded Java serialization: "aced0005" then a type code byte. */
export const serializedHex = (decoded: string) => /\baced0005(?:7[0-9a-e])/.exec(decoded)?.[0] ?? null;

/** A pickle (any protocol) that imports a callable and calls it: GLOBAL "c<module>\n<name>\n" or STACK_GLOBAL, then REDUCE "R". */
export function pickleCalls(bytes: string): boolean {
  const global = /c[a-z_][\w.]{0,60}\n[a-z_][\w.]{0,60}\n/i.exec(bytes);
  const from = global ? global.index : bytes.indexOf("\x93");
  return from >= 0 && bytes.indexOf("R", from) > 0;
}

/** Protocol-0 pickle as text in a decoded value: a GLOBAL opcode then REDUCE, ending in STOP ("."). */
export function pickleText(decoded: string): string | null {
  if (!decoded.includes("\n")) return null;
  const global = /(?:^|[(.\n])c([a-z_][\w.]{0,60})\n([a-z_]\w{0,60})\n/.exec(decoded);
  if (!global) return null;
  const rest = decoded.slice(global.index + global[0].length);
  // REDUCE on a line of its own (after TUPLE "t" or not), then STOP, a memo PUT ("p0") or the next line.
  return /\nt?r(?:\.|p\d|\n|$)/.test(rest.slice(0, 2048)) ? global[0].trim() : null;
}
