// The URL grammar's payload detectors: remote file inclusion, server-side request forgery and
// open redirect, each from the URL as the server's parsers read it (parse.ts, host.ts).
import type { Input } from "@/lib/detection/payloads/inputs.ts";
import { ownHosts } from "@/lib/detection/payloads/own-site.ts";
import { WEB, type PayloadDetector } from "@/lib/detection/payloads/types.ts";
import { hasNul } from "../path/normalize.ts";
import { redirectTarget } from "./redirect.ts";
import { rfiTarget, type RfiFinding } from "./rfi.ts";
import { ssrfTarget, type SsrfFinding } from "./ssrf.ts";

const inUrlPath = (i: Input) => i.field === "url.original" && i.part === "path";
/** A parameter's name, or "" for the path, a raw body and names themselves. */
const paramName = (i: Input) => (i.part === "path" || i.part.endsWith("#name") ? "" : i.part.replace(/#base64$/, ""));
const isName = (i: Input) => i.part.endsWith("#name");

const rfi = new WeakMap<Input, RfiFinding | null>();
function rfiOf(i: Input): RfiFinding | null {
  if (!rfi.has(i))
    rfi.set(
      i,
      inUrlPath(i) || isName(i)
        ? null
        : rfiTarget(i.decoded, /(?:%(?:25)*00|\\0|\x00)\s*$/.test(i.raw) && hasNul(i.raw), paramName(i)),
    );
  return rfi.get(i)!;
}
const ssrf = new WeakMap<Input, SsrfFinding | null>();
function ssrfOf(i: Input): SsrfFinding | null {
  if (!ssrf.has(i)) ssrf.set(i, isName(i) ? null : ssrfTarget(i.decoded, inUrlPath(i)));
  return ssrf.get(i)!;
}

export const URL_GRAMMAR: PayloadDetector[] = [
  {
    id: "sn-rfi-remote-url",
    title: "Remote file inclusion: URL to an IP address, a script, or cut short with ? or NUL",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.headers"],
    match: (i) => {
      const found = rfiOf(i);
      return found && !found.byName ? found.evidence : null;
    },
  },
  {
    id: "sn-rfi-path-param",
    title: "Remote file inclusion: URL in a server-path parameter",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: (i) => {
      const found = rfiOf(i);
      return found?.byName ? found.evidence : null;
    },
  },
  {
    id: "sn-ssrf-internal",
    title: "SSRF: URL to metadata or internal addresses",
    category: "ssrf",
    points: 5,
    technique: "T1552.005",
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: (i) => {
      const found = ssrfOf(i);
      return found && !found.bare ? found.evidence : null;
    },
  },
  {
    id: "sn-ssrf-internal-host",
    title: "SSRF: parameter naming a loopback, container or cluster-internal host",
    category: "ssrf",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: (i) => {
      const found = ssrfOf(i);
      return found?.bare ? found.evidence : null;
    },
  },
  {
    id: "sn-open-redirect",
    title: "Open redirect: a link that leaves the site (protocol-relative, backslash, userinfo or off-site target)",
    category: "open_redirect",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content"],
    readsEvent: true,
    match: (i, _sql, event) =>
      isName(i) ? null : redirectTarget(i.decoded, paramName(i), ownHosts(event), inUrlPath(i)),
  },
];
