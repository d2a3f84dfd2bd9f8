// The parts of a multipart/form-data (or multipart/mixed) body, found by the boundary the
// Content-Type header names or, when the sensor sent no headers, by the one the body opens with.
// Each part gives its field name, its filename and its content (quoted-printable undone when the
// part says so; base64 parts are left to the layers), and a part that is itself multipart is read
// too, three levels at most. The delimiter lines and headers of the parts are values too (a few parts each), with
// part "": the raw multipart shape the header-injection and upload detectors know (protocol.ts,
// uploads.ts). Text before the first delimiter and after the last is read too: some parsers do.
// indexOf scans only: linear in the body.
import type { Leaf } from "./json-leaves.ts";
import { quotedPrintable } from "./layers.ts";

const MAX_DEPTH = 3;
/** The most of the parts' headers one value holds: below inputs.ts's window, so none is split. */
const PACK = 3584;

/** The boundary of a multipart Content-Type value, or null. */
export function boundaryOf(contentType: string): string | null {
  if (!/^\s*multipart\//i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;,]{1,200}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

/** The boundary a body opens with ("--" and a token on the first line), or null. */
export function sniffedBoundary(body: string): string | null {
  const m = /^\s*--([^\s]{1,200})\r?\n/.exec(body.slice(0, 256));
  return m && /^\s*--[^\r\n]{1,200}\r?\n\s*content-/i.test(body.slice(0, 512)) ? m[1]! : null;
}

const param = (headers: string, name: string) =>
  new RegExp(`[;\\s]${name}\\*?\\s*=\\s*(?:"([^"\\r\\n]{0,1024})"|([^;\\s]{0,1024}))`, "i").exec(headers);

export function multipartParts(body: string, boundary: string, max: number, depth = 0): Leaf[] {
  const out: Leaf[] = [];
  const skeleton: string[] = [];
  const delimiter = `--${boundary}`;
  let at = body.indexOf(delimiter);
  if (at > 0 && body.slice(0, at).trim()) out.push(["#preamble", body.slice(0, at)]);
  while (at >= 0 && out.length < max) {
    const start = at + delimiter.length;
    if (body.startsWith("--", start)) {
      const epilogue = body.slice(start + 2);
      if (epilogue.trim()) out.push(["#epilogue", epilogue]);
      break;
    }
    const next = body.indexOf(delimiter, start);
    const part = body.slice(start, next < 0 ? body.length : next).replace(/^[^\S\r\n]*\r?\n/, "");
    at = next;
    const split = /\r?\n\r?\n/.exec(part);
    const headers = split ? part.slice(0, split.index) : "";
    let content = split ? part.slice(split.index + split[0].length) : part;
    content = content.replace(/\r?\n$/, "");
    skeleton.push(`${delimiter}\r\n${headers}`);
    const nameMatch = param(` ${headers}`, "name");
    const name = nameMatch ? (nameMatch[1] ?? nameMatch[2] ?? "") : "";
    const fileMatch = param(` ${headers}`, "filename");
    out.push([`${name}#name`, name]);
    if (fileMatch) out.push([`${name}#filename`, fileMatch[1] ?? fileMatch[2] ?? ""]);
    const type = /^content-type\s*:\s*([^\r\n]{1,1024})/im.exec(headers)?.[1] ?? "";
    const inner = depth < MAX_DEPTH ? boundaryOf(type) : null;
    if (inner) {
      for (const [p, v] of multipartParts(content, inner, max - out.length, depth + 1))
        out.push([p ? `${name}.${p}` : "", v]);
      continue;
    }
    if (/^content-transfer-encoding\s*:\s*quoted-printable/im.test(headers)) {
      const plain = quotedPrintable(content);
      if (plain !== null) out.push([`${name}#qp`, plain]);
    }
    out.push([name, content]);
  }
  // Packed into values of at most a window each, every one opening with a delimiter line.
  const packed: string[] = [];
  for (const slice of skeleton)
    if (packed.length > 0 && packed[packed.length - 1]!.length + slice.length < PACK)
      packed[packed.length - 1] += `\r\n${slice}`;
    else packed.push(slice);
  out.unshift(...packed.map((text): Leaf => ["", text]));
  return out;
}
