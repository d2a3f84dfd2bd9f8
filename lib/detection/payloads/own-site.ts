// The site a request was sent to, as sensors report it (url.domain, server.domain,
// destination.domain, the Host or X-Forwarded-Host header, an absolute URL), and whether another
// host belongs to it: detectors that weigh where a URL points or where a request came from.
import type { NormalizedEvent } from "@/lib/detection/event.ts";

/** The host names the site answers to, from the fields sensors fill in: empty when unknown. */
export function ownHosts(event: NormalizedEvent | undefined): string[] {
  if (!event) return [];
  const doc = event.doc as {
    url?: { domain?: unknown };
    server?: { domain?: unknown };
    destination?: { domain?: unknown };
    http?: { request?: { headers?: Record<string, unknown> } };
  };
  const hosts: unknown[] = [doc.url?.domain, doc.server?.domain, doc.destination?.domain];
  const headers = doc.http?.request?.headers;
  if (headers && typeof headers === "object")
    for (const [name, value] of Object.entries(headers))
      if (/^(?:host|x-forwarded-host|:authority)$/i.test(name)) hosts.push(value);
  const absolute = /^[a-z][\w+.-]*:\/\/([^/?#]+)/i.exec(event.urlOriginal ?? "");
  if (absolute) hosts.push(absolute[1]);
  return hosts
    .filter((h): h is string => typeof h === "string" && h.length > 0)
    .map((h) => bareHost(h.split(",")[0]!))
    .filter(Boolean);
}

/** A host without port, brackets, trailing dot or "www.". */
export function bareHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^.*@/, "")
    .replace(/:\d*$/, "")
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .replace(/^www\./, "");
}

/** The registrable part of a host, roughly: the last two labels, three under co.uk-style suffixes. */
function siteOf(host: string): string {
  if (/^[\d.]+$|:/.test(host)) return host;
  const labels = host.split(".");
  const n =
    labels.length >= 3 && labels.at(-1)!.length === 2 && /^(?:co|com|net|org|gov|edu|ac|ne|or|go)$/.test(labels.at(-2)!)
      ? 3
      : 2;
  return labels.slice(-n).join(".");
}

/** Whether a host is one of the site's own (the same registrable domain). */
export function isOwnHost(host: string, own: string[]): boolean {
  return own.some((o) => host === o || siteOf(host) === siteOf(o));
}
