// Sigma field names to our events. Webserver and proxy rules use W3C extended log names
// (cs-uri-query, c-useragent…); they map onto the ECS fields we store. Any other name is looked up
// in the event as a dotted ECS path (source.ip, event.action, user.name…). URL fields are matched
// as logged (raw, as Sigma expects) and also percent-decoded, so a rule written for one spelling
// is not dodged by encoding harmless characters.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { decode } from "../payloads/decode.ts";

type Getter = (e: NormalizedEvent) => unknown;

const query = (e: NormalizedEvent) => {
  const url = e.urlOriginal;
  if (!url) return undefined;
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at + 1);
};

function stem(e: NormalizedEvent) {
  const url = e.urlOriginal;
  if (!url) return undefined;
  let path = url.split("?")[0]!;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length) || "/";
  return path;
}

function host(e: NormalizedEvent) {
  const doc = e.doc as { url?: { domain?: string }; destination?: { domain?: string } };
  if (doc.url?.domain) return doc.url.domain;
  if (doc.destination?.domain) return doc.destination.domain;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(e.urlOriginal ?? "");
  return m?.[1];
}

// Own properties only: a rule's field name ("constructor", "toString", "__proto__.x") must read the
// event's data, never what objects inherit.
const docPath = (path: string) => (e: NormalizedEvent) =>
  path
    .split(".")
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === "object" && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[key]
          : undefined,
      e.doc,
    );

export const FIELD_MAP: Record<string, Getter> = {
  "cs-uri-query": query,
  "c-uri-query": query,
  "cs-uri-stem": stem,
  "c-uri-stem": stem,
  "cs-uri": (e) => e.urlOriginal,
  "c-uri": (e) => e.urlOriginal,
  uri: (e) => e.urlOriginal,
  url: (e) => e.urlOriginal,
  "c-uri-extension": (e) => /\.([A-Za-z0-9]{1,10})$/.exec(stem(e) ?? "")?.[1],
  "cs-method": (e) => e.httpMethod,
  "c-method": (e) => e.httpMethod,
  "sc-status": (e) => e.httpStatus,
  "cs-user-agent": (e) => e.userAgent,
  "c-useragent": (e) => e.userAgent,
  "user-agent": (e) => e.userAgent,
  "cs-host": host,
  "r-dns": host,
  "cs-referrer": docPath("http.request.referrer"),
  "cs-referer": docPath("http.request.referrer"),
  "cs-cookie": docPath("http.request.cookie"),
  "c-ip": (e) => e.sourceIp,
  src_ip: (e) => e.sourceIp,
  "s-ip": (e) => e.destinationIp,
  dst_ip: (e) => e.destinationIp,
  "cs-bytes": docPath("http.request.bytes"),
  "sc-bytes": docPath("http.response.bytes"),
  "cs-version": docPath("http.version"),
  User: (e) => e.userName,
  user: (e) => e.userName,
  pam_user: (e) => e.userName,
  Hostname: (e) => e.hostName,
  host: (e) => e.hostName,
};

/** The ECS name to cite in a detection's `field`. */
export const ECS_NAME: Record<string, string> = {
  "cs-uri-query": "url.original",
  "c-uri-query": "url.original",
  "cs-uri-stem": "url.original",
  "c-uri-stem": "url.original",
  "cs-uri": "url.original",
  "c-uri": "url.original",
  "c-uri-extension": "url.original",
  "cs-method": "http.request.method",
  "sc-status": "http.response.status_code",
  "cs-user-agent": "user_agent.original",
  "c-useragent": "user_agent.original",
  "cs-host": "url.domain",
  "cs-referer": "http.request.referrer",
  "cs-referrer": "http.request.referrer",
  "c-ip": "source.ip",
};

const URL_FIELDS = new Set([
  "cs-uri-query",
  "c-uri-query",
  "cs-uri-stem",
  "c-uri-stem",
  "cs-uri",
  "c-uri",
  "uri",
  "url",
  "cs-referrer",
  "cs-referer",
]);

// Every rule reads the same few fields of an event: each is computed once per event. A field name
// has a slot; the slots hold the values of the event being matched, stamped with its turn (rules
// are matched one event at a time, so no per-event map is made and thrown away).
const slots = new Map<string, number>();
const values: unknown[] = [];
const stamps: number[] = [];
let current: NormalizedEvent | undefined;
let turn = 0;

/** A field's value; URL fields give [raw, decoded] when decoding changes them (any may match). */
export function fieldGetter(name: string): Getter {
  const base = (Object.hasOwn(FIELD_MAP, name) ? FIELD_MAP[name] : undefined) ?? docPath(name);
  const get: Getter = URL_FIELDS.has(name)
    ? (e) => {
        const raw = base(e);
        if (typeof raw !== "string" || !raw.includes("%")) return raw;
        const decoded = decode(raw);
        return decoded === raw.toLowerCase() ? raw : [raw, decoded];
      }
    : base;
  let slot = slots.get(name);
  if (slot === undefined) slots.set(name, (slot = slots.size));
  const at = slot;
  return (e) => {
    if (e !== current) {
      current = e;
      turn++;
    }
    if (stamps[at] !== turn) {
      values[at] = get(e);
      stamps[at] = turn;
    }
    return values[at];
  };
}

/** Where keyword lists (no field) are searched. */
export function keywordTexts(e: NormalizedEvent): [string, string][] {
  const body = (e.doc as { http?: { request?: { body?: { content?: string } } } }).http?.request?.body?.content;
  const out: [string, string][] = [];
  if (e.message) out.push(["message", e.message]);
  if (e.urlOriginal) out.push(["url.original", e.urlOriginal]);
  if (body) out.push(["http.request.body.content", body]);
  if (e.userAgent) out.push(["user_agent.original", e.userAgent]);
  return out;
}
