// Session fixation: the attacker plants a session identifier the victim's browser will then use.
// Two ways in: a value that writes a cookie from script or markup (document.cookie = …, a cookie
// string with its attributes), and a request that carries a framework's session id as a parameter
// (?JSESSIONID=…, ;jsessionid=… in the path) arriving from another site or from no page at all,
// the shape of a link mailed or posted to the victim. Applications rewriting their own links send
// such requests from their own pages, with a same-site referrer, and stay quiet.
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import type { Input } from "./inputs.ts";
import { bareHost, ownHosts } from "./own-site.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

/** Script assigning a cookie, or a cookie string with its attributes after ".cookie". */
const cookieWrite =
  /\bdocument\s*\.\s*cookie\s*=|\.\s*cookie\b[^;=\n]{0,40}(?:=[^;\n]{0,200})?;\s*(?:expires|domain|path|max-age)\s*=/;

/** Default session cookie names of common server frameworks. */
const SESSION_ID_NAME =
  /^(?:jsessionid(?:sso)?|phpsessid|asp\.net_sessionid|aspsessionid[a-z]{8}|cfid|cftoken|_session_id|connect\.sid|laravel_session|ci_session|play_session|rack\.session|sess[0-9a-f]{32})$/;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Whether the request came from a page of this site (the same host, or one the sensor could not tell). */
function fromOwnSite(event: NormalizedEvent | undefined): boolean {
  const referrer = (event?.doc as { http?: { request?: { referrer?: unknown } } } | undefined)?.http?.request?.referrer;
  if (typeof referrer !== "string" || !referrer.trim()) return false;
  const from = hostOf(referrer);
  const own = ownHosts(event);
  return from === null || own.length === 0 || own.includes(bareHost(from));
}

function sessionIdParameter(i: Input, event: NormalizedEvent | undefined): string | null {
  const named = i.part.endsWith("#name") && SESSION_ID_NAME.test(i.decoded.trim());
  const inPath =
    i.field === "url.original" && i.part === "path"
      ? /;\s*(jsessionid|phpsessid)\s*=\s*[^;/?#]+/.exec(i.decoded)?.[0]
      : undefined;
  if (!named && !inPath) return null;
  return fromOwnSite(event) ? null : (inPath ?? i.decoded.trim());
}

export const SESSION_FIXATION: PayloadDetector[] = [
  {
    id: "sn-session-cookie-write",
    title: "Session fixation: value writes a cookie (document.cookie or cookie attributes)",
    category: "other",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => cookieWrite.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-session-id-parameter",
    title: "Session fixation: session id sent as a parameter from another site or no page",
    category: "other",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content"],
    readsEvent: true,
    match: (i, _sql, event) => sessionIdParameter(i, event),
  },
];
