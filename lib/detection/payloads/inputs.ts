// The places in an event an attacker controls, each value whole, in every shape it arrives in
// (INPUTS.md is the map): the URL path (whole, by segment when it holds anything but plain names,
// and its ;parameters), each query parameter (name and value), the fragment; the body as JSON
// (every key and leaf, any depth), a form, multipart parts (name, filename, content), XML (values,
// text, CDATA, declarations) or raw; the user agent, referrer, each cookie and every request
// header (name and value). Each value is also unwrapped into its encoded layers (layers.ts), and
// a value that holds JSON gives its leaves.
//
// Bounded per event (BUDGET): values longer than a window are read in overlapping windows, so no
// detector that reads only a value's first kilobytes misses its tail; a value past VALUE_MAX,
// or anything past the event's budget of bytes or inputs, is read head and tail and the rest is
// reported as an input of its own ("#uninspected", uninspected.ts), never dropped unseen.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { decode, urlDecoded } from "./decode.ts";
import { jsonLeaves, parseJson, type Leaf } from "./json-leaves.ts";
import { layersOf } from "./layers.ts";
import { boundaryOf, multipartParts, sniffedBoundary } from "./multipart-parts.ts";
import { looksXml, xmlNodes } from "./xml-nodes.ts";

export { base64Text } from "./layers.ts";

export interface Input {
  /** ECS field the value came from. */
  field: string;
  /** Where in it: "path", a parameter name, or "". */
  part: string;
  raw: string;
  decoded: string;
}

export const BUDGET = {
  /** Inputs handed to the detectors per event: each costs every detector's pre-check. */
  inputs: 1000,
  /** Characters handed to the detectors per event, all inputs and layers together. */
  bytes: 192 * 1024,
  /** Longest input: detectors that read a value's first 4 KB still read all of it. */
  window: 4096,
  /** Windows overlap by this much, so a payload up to this long lies whole in one of them. */
  overlap: 512,
  /** The most of one value read; past it, head and tail (the last `tail`) are. */
  value: 72 * 1024,
  tail: 8192,
  /** Layers within layers (base64 of JSON of hex…). */
  layers: 3,
} as const;

/** Part suffix of the input that reports what was not inspected. */
export const UNINSPECTED = "#uninspected";

interface Skipped {
  part: string;
  values: number;
  chars: number;
}

class Collector {
  readonly inputs: Input[] = [];
  bytes = 0;
  readonly skipped = new Map<string, Skipped>();
  /** Names already read: a JSON array of a thousand objects repeats the same keys a thousand times. */
  private readonly names = new Set<string>();

  private skip(field: string, part: string, chars: number) {
    const seen = this.skipped.get(field);
    if (seen) {
      seen.values++;
      seen.chars += chars;
    } else this.skipped.set(field, { part, values: 1, chars });
  }

  private push(field: string, part: string, raw: string, plusIsSpace: boolean) {
    const step = BUDGET.window - BUDGET.overlap;
    for (let at = 0; at < raw.length; at += step) {
      const window = raw.length <= BUDGET.window ? raw : raw.slice(at, at + BUDGET.window);
      this.inputs.push({ field, part, raw: window, decoded: decode(window, { plusIsSpace }) });
      this.bytes += window.length;
      if (at + BUDGET.window >= raw.length) break;
    }
  }

  add(field: string, part: string, raw: string, plusIsSpace = false, depth = 0) {
    if (!raw) return;
    if (part.endsWith("#name")) {
      const key = `${field}\0${raw}`;
      if (this.names.has(key)) return;
      this.names.add(key);
    }
    const left = Math.min(BUDGET.bytes - this.bytes, BUDGET.value);
    if (this.inputs.length >= BUDGET.inputs || left <= 0) return this.skip(field, part, raw.length);
    let text = raw;
    if (raw.length > left) {
      const tail = Math.min(BUDGET.tail, Math.floor(left / 4));
      this.skip(field, part, raw.length - left);
      this.push(field, part, raw.slice(raw.length - tail), plusIsSpace);
      text = raw.slice(0, left - tail);
    }
    this.push(field, part, text, plusIsSpace);
    if (depth >= BUDGET.layers) return;
    const source = urlDecoded(text, plusIsSpace);
    const doc = source.length > 1 ? parseJson(source) : undefined;
    if (doc !== undefined) this.leaves(field, `${part}#json`, jsonLeaves(doc, "", BUDGET.inputs), depth + 1);
    else for (const layer of layersOf(source)) this.add(field, `${part}${layer.suffix}`, layer.text, false, depth + 1);
  }

  leaves(field: string, prefix: string, { leaves, truncated }: { leaves: Leaf[]; truncated: number }, depth: number) {
    for (const [part, value] of leaves) this.add(field, prefix ? `${prefix}.${part}` : part, value, false, depth);
    if (truncated > 0) this.skip(field, `${prefix}…`, truncated);
  }

  /** The inputs, and one more per field with values left unread. */
  done(): Input[] {
    for (const [field, { part, values, chars }] of this.skipped) {
      const text = `${values} value(s), ${chars} characters not inspected (event budget)`;
      this.inputs.push({ field, part: `${part}${UNINSPECTED}`, raw: text, decoded: text });
    }
    return this.inputs;
  }
}

function formPairs(text: string): [string, string][] {
  return text.split("&").map((pair) => {
    const at = pair.indexOf("=");
    return at < 0 ? ["", pair] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function addForm(c: Collector, field: string, text: string) {
  for (const [name, value] of formPairs(text)) {
    c.add(field, `${name}#name`, name, true);
    c.add(field, name, value, true);
  }
}

const PLAIN_PATH = /^[A-Za-z0-9/._~-]*$/;

function addUrl(c: Collector, url: string) {
  const at = url.indexOf("?");
  const path = at < 0 ? url : url.slice(0, at);
  c.add("url.original", "path", path);
  const hash = url.indexOf("#", Math.max(at, 0));
  const bare = hash >= 0 && (at < 0 || hash < at) ? path.slice(0, hash) : path;
  if (!PLAIN_PATH.test(bare) && bare.length <= BUDGET.value)
    for (const segment of bare.split("/")) {
      const semi = segment.indexOf(";");
      if (segment && segment !== bare)
        c.add("url.original", "path#segment", semi < 0 ? segment : segment.slice(0, semi));
      if (semi >= 0) addForm(c, "url.original", segment.slice(semi + 1).replace(/;/g, "&"));
    }
  if (at >= 0) addForm(c, "url.original", url.slice(at + 1));
  if (hash >= 0) c.add("url.original", "#fragment", url.slice(hash + 1));
}

function addBody(c: Collector, body: string, contentType: string) {
  const field = "http.request.body.content";
  const trimmed = body.trim();
  const doc = parseJson(trimmed);
  if (doc !== undefined) return c.leaves(field, "", jsonLeaves(doc, "", BUDGET.inputs), 1);
  const boundary = boundaryOf(contentType) ?? sniffedBoundary(body);
  if (boundary === null && /^[^\s=&]{1,200}=/.test(trimmed) && !/\n/.test(trimmed.slice(0, 4000)))
    return addForm(c, field, trimmed);
  const parts = boundary === null ? [] : multipartParts(body, boundary, BUDGET.inputs);
  if (parts.length > 0) return parts.forEach(([part, value]) => c.add(field, part, value));
  c.add(field, "", body, /%[0-9a-f]{2}/i.test(body) && !/\s/.test(trimmed));
  if (looksXml(trimmed)) for (const [part, value] of xmlNodes(trimmed, BUDGET.inputs)) c.add(field, part, value);
}

// A few user agents send most requests: each is decoded once (the inputs are never changed).
const MAX_CACHED_AGENTS = 4096;
const agents = new Map<string, Input[]>();

function agentInputs(agent: string): Input[] {
  let inputs = agents.get(agent);
  if (!inputs) {
    const c = new Collector();
    c.add("user_agent.original", "", agent);
    inputs = c.done();
    if (agent.length <= 1024) {
      if (agents.size >= MAX_CACHED_AGENTS) agents.clear();
      agents.set(agent, inputs);
    }
  }
  return inputs;
}

/** Header names and values; ingest expands dotted keys, so a header "x.filename" arrives as {x: {filename}}. */
function headerPairs(headers: object): [string, string][] {
  const out: [string, string][] = [];
  const stack: [string, unknown, number][] = Object.entries(headers).map(([k, v]) => [k, v, 0]);
  stack.reverse();
  while (stack.length > 0) {
    const [name, value, depth] = stack.pop()!;
    if (Array.isArray(value)) for (const v of value) out.push([name, typeof v === "string" ? v : JSON.stringify(v)]);
    else if (value && typeof value === "object" && depth < 8) {
      const entries = Object.entries(value);
      for (let n = entries.length - 1; n >= 0; n--)
        stack.push([`${name}.${entries[n]![0]}`, entries[n]![1], depth + 1]);
    } else out.push([name, typeof value === "string" ? value : value == null ? "" : JSON.stringify(value)]);
  }
  return out;
}

export function inputsOf(event: NormalizedEvent): Input[] {
  const c = new Collector();
  if (event.urlOriginal) addUrl(c, event.urlOriginal);
  const request = (
    event.doc as {
      http?: { request?: { body?: { content?: unknown }; referrer?: unknown; cookie?: unknown; headers?: unknown } };
    }
  ).http?.request;
  const headers = request?.headers && typeof request.headers === "object" ? headerPairs(request.headers) : [];
  const body = request?.body?.content;
  if (typeof body === "string" && body) {
    const type = headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
    addBody(c, body, type);
  }
  if (event.userAgent && c.inputs.length < BUDGET.inputs) {
    const agent = agentInputs(event.userAgent);
    c.inputs.push(...agent);
    for (const input of agent) c.bytes += input.raw.length;
  }
  for (const [name, value] of headers) {
    c.add("http.request.headers", `${name}#name`, name);
    c.add("http.request.headers", name, value);
  }
  if (typeof request?.referrer === "string") c.add("http.request.referrer", "", request.referrer);
  // The request line's other two parts: only the detectors that name these fields read them.
  if (event.httpMethod) c.add("http.request.method", "", event.httpMethod);
  const version = (event.doc as { http?: { version?: unknown } }).http?.version;
  if (typeof version === "string") c.add("http.version", "", version);
  if (typeof request?.cookie === "string")
    for (const part of request.cookie.split(";")) {
      const at = part.indexOf("=");
      const name = at < 0 ? "" : part.slice(0, at).trim();
      if (name) c.add("http.request.cookie", `${name}#name`, name);
      c.add("http.request.cookie", name, at < 0 ? part : part.slice(at + 1));
    }
  return c.done();
}
