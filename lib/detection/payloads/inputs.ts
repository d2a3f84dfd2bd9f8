// The places in an event an attacker controls: the URL path, each query parameter (name and
// value), the body (form fields, JSON strings, or raw), the user agent, referrer, cookies and any
// other request headers a sensor sends (http.request.headers, a name -> value map).
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { decode } from "./decode.ts";

export interface Input {
  /** ECS field the value came from. */
  field: string;
  /** Where in it: "path", a parameter name, or "". */
  part: string;
  raw: string;
  decoded: string;
}

const MAX_INPUTS = 200;

/**
 * How much of each field the detectors read, applied before any pattern sees it (a longer value
 * is read up to its cap; decode() then reads at most 16 KB of each value). Ingest bounds the URL
 * (8 KB), body (64 KB) and user agent (2 KB), but the referrer, cookies and headers come as the
 * sensor sends them: a 30 KB header of line breaks used to be read whole. Real requests stay far
 * below these caps (servers refuse headers past 8-16 KB), and attacks sit in the first kilobytes.
 */
export const INPUT_CAPS = {
  "url.original": 8192,
  "http.request.body.content": 65_536,
  "http.request.referrer": 8192,
  "http.request.cookie": 8192,
  /** Each header value; names at most 256. */
  "http.request.headers": 8192,
  "user_agent.original": 2048,
} as const;
const HEADER_NAME_CAP = 256;
const MAX_HEADERS = 50;
const capped = (text: string, cap: number) => (text.length > cap ? text.slice(0, cap) : text);

/**
 * A value that is base64 (cookies and tokens often are), as the text it encodes, so payloads
 * wrapped in it are inspected too; null when it is not base64 or does not encode readable text.
 */
export function base64Text(raw: string): string | null {
  let text = raw.trim();
  if (text.length < 16 || text.length > 8192) return null;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || !/[A-Z]/.test(text) || !/[a-z]/.test(text)) return null;
  const out = Buffer.from(text, /[-_]/.test(text) ? "base64url" : "base64").toString("utf8");
  return out.length >= 8 && !/[\x00-\x08\x0e-\x1f\ufffd]/.test(out) ? out : null;
}

function formPairs(text: string): [string, string][] {
  return text.split("&").map((pair) => {
    const at = pair.indexOf("=");
    return at < 0 ? ["", pair] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function jsonStrings(value: unknown, path: string, out: [string, string][], depth = 0) {
  if (out.length > MAX_INPUTS || depth > 20) return;
  if (typeof value === "string") out.push([path, value]);
  else if (typeof value === "number" || typeof value === "boolean") out.push([path, String(value)]);
  else if (Array.isArray(value)) value.forEach((v, i) => jsonStrings(v, `${path}[${i}]`, out, depth + 1));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push([`${path}.${k}#name`, k]);
      jsonStrings(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
}

function decoded(field: string, part: string, raw: string, plusIsSpace = false): Input[] {
  const inputs: Input[] = [{ field, part, raw, decoded: decode(raw, { plusIsSpace }) }];
  const unpacked = base64Text(raw);
  if (unpacked !== null) inputs.push({ field, part: `${part}#base64`, raw: unpacked, decoded: decode(unpacked) });
  return inputs;
}

// A few user agents send most requests: each is decoded once (the inputs are never changed).
const MAX_CACHED_AGENTS = 4096;
const agents = new Map<string, Input[]>();

function agentInputs(agent: string): Input[] {
  let inputs = agents.get(agent);
  if (!inputs) {
    inputs = decoded("user_agent.original", "", agent);
    if (agent.length <= 1024) {
      if (agents.size >= MAX_CACHED_AGENTS) agents.clear();
      agents.set(agent, inputs);
    }
  }
  return inputs;
}

export function inputsOf(event: NormalizedEvent): Input[] {
  const inputs: Input[] = [];
  const add = (field: string, part: string, raw: string, plusIsSpace = false) => {
    if (!raw || inputs.length >= MAX_INPUTS) return;
    inputs.push(...decoded(field, part, raw, plusIsSpace));
  };
  const url = event.urlOriginal && capped(event.urlOriginal, INPUT_CAPS["url.original"]);
  if (url) {
    const at = url.indexOf("?");
    add("url.original", "path", at < 0 ? url : url.slice(0, at));
    if (at >= 0) {
      const query = url.slice(at + 1);
      for (const [name, value] of formPairs(query)) {
        add("url.original", `${name}#name`, name, true);
        add("url.original", name, value, true);
      }
    }
  }
  const doc = event.doc as {
    http?: {
      request?: {
        body?: { content?: unknown };
        referrer?: unknown;
        cookie?: unknown;
        headers?: Record<string, unknown>;
      };
    };
  };
  const fullBody = doc.http?.request?.body?.content;
  if (typeof fullBody === "string" && fullBody) {
    const body = capped(fullBody, INPUT_CAPS["http.request.body.content"]);
    const trimmed = body.trim();
    let parsed: unknown = undefined;
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        parsed = undefined;
      }
    }
    if (parsed !== undefined) {
      const strings: [string, string][] = [];
      jsonStrings(parsed, "", strings);
      for (const [path, value] of strings) add("http.request.body.content", path, value);
    } else if (/^[^\s=&]{1,200}=/.test(trimmed) && !/\n/.test(trimmed.slice(0, 4000))) {
      for (const [name, value] of formPairs(trimmed)) {
        add("http.request.body.content", `${name}#name`, name, true);
        add("http.request.body.content", name, value, true);
      }
    } else {
      add("http.request.body.content", "", body, /%[0-9a-f]{2}/i.test(body) && !/\s/.test(body.trim()));
      // XML (SOAP, feeds, uploads): each attribute value and text node is a value of its own.
      if (trimmed.startsWith("<") && /<\/|\/>/.test(trimmed)) {
        for (const m of trimmed
          .slice(0, 65_536)
          .matchAll(/\s([\w:.-]{1,64})\s*=\s*"([^"]{1,4096})"|>([^<>]{1,4096})</g))
          add("http.request.body.content", m[1] ? `@${m[1]}` : "#text", (m[2] ?? m[3] ?? "").trim());
      }
    }
  }
  if (event.userAgent && inputs.length < MAX_INPUTS)
    inputs.push(...agentInputs(capped(event.userAgent, INPUT_CAPS["user_agent.original"])));
  const headers = doc.http?.request?.headers;
  if (headers && typeof headers === "object") {
    // Ingest expands dotted keys, so a header named "x.filename" arrives as {x: {filename}}.
    const flat = (entries: [string, unknown][], prefix: string, depth: number): [string, unknown][] =>
      entries.flatMap(([name, value]) =>
        value && typeof value === "object" && !Array.isArray(value) && depth < 3
          ? flat(Object.entries(value), `${prefix}${name}.`, depth + 1)
          : [[`${prefix}${name}`, value] as [string, unknown]],
      );
    for (const [fullName, value] of flat(Object.entries(headers), "", 0).slice(0, MAX_HEADERS)) {
      const name = capped(fullName, HEADER_NAME_CAP);
      add("http.request.headers", `${name}#name`, name);
      if (typeof value === "string")
        add("http.request.headers", name, capped(value, INPUT_CAPS["http.request.headers"]));
    }
  }
  const referrer = doc.http?.request?.referrer;
  if (typeof referrer === "string")
    add("http.request.referrer", "", capped(referrer, INPUT_CAPS["http.request.referrer"]));
  const cookie = doc.http?.request?.cookie;
  if (typeof cookie === "string")
    for (const part of capped(cookie, INPUT_CAPS["http.request.cookie"]).split(";")) {
      const at = part.indexOf("=");
      const name = at < 0 ? "" : part.slice(0, at).trim();
      if (name) add("http.request.cookie", `${name}#name`, name);
      add("http.request.cookie", name, at < 0 ? part : part.slice(at + 1));
    }
  return inputs;
}
