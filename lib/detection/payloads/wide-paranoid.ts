// Remote file inclusion and Perl interpolation signals for paranoia levels 2-4: weaker, broader
// patterns an admin turns on when false positives are cheaper than misses.
//
// - RFI: a parameter whose whole value is a URL that fetches (file, FTP, gopher, LDAP, archives;
//   or HTTP to another site). Links are ordinary in link fields (a "website", a redirect back, an
//   avatar, a JSON "$schema"), so HTTP URLs only count in other parameters, and not when they point
//   at the site itself (url.domain or the Host header, when the sensor sends them). When the site's
//   own host is unknown every HTTP URL in an ordinary parameter counts: that is the broad level-2
//   signal, scored low.
// - Perl: @{[ … ]} and ${\ … } make Perl run code inside an interpolated string.
import type { Input } from "./inputs.ts";
import { bareHost, isOwnHost, ownHosts } from "./own-site.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const PARAMS = ["url.original", "http.request.body.content"] as const;
/** Longest text the scans read. */
const MAX_SCAN = 4096;

/* ------------------------------------------------------------------ RFI */

/** Schemes that make a server fetch something; "url:" and "jar:" wrap others in Java. */
const URL_START =
  /^\s*((?:(?:url|jar)\s*:\s*)*)(https?|ftps?|sftp|tftp|file|local_file|gopher|ldaps?|dict|smb|nfs|dav|webdavs?|ssh2(?:\.\w+)?|scp|netdoc):(\/{1,3})/i;
const HTTP = new Set(["http", "https"]);

/** Names of parameters that carry links by design: navigation, profiles, media, schema ids. */
const LINK_FIELD =
  /^(?:next|to|dest|destination|target|continue|return\w*|back\w*|redirect\w*|redir|goto|forward|ref|referr?er|origin|callback\w*|website|homepage|web|blog|link|links|href|permalink|canonical|share|avatar\w*|image\w*|img\w*|photo\w*|picture\w*|icon|logo|thumbnail|cover|banner|media|video|audio|schema|id|context|type|vocab|profile\w*|social\w*|twitter|facebook|linkedin|github|instagram|youtube|mastodon|source|webhook\w*|xmlns\w*|schemalocation|nonamespaceschemalocation|\w+(?:url|uri|link|href))$/;

function fieldName(part: string): string {
  const bare = part.replace(/#base64$/, "").replace(/\[\d*\]/g, "");
  const last = bare.slice(bare.lastIndexOf(".") + 1);
  // XML attributes arrive as "@xsi:schemaLocation", JSON-LD keys as "@id", JSON Schema as "$schema".
  return last
    .slice(last.lastIndexOf(":") + 1)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

interface ParsedUrl {
  scheme: string;
  wrapped: boolean;
  host: string;
  /** Credentials before the host that themselves look like a host or path: example.com%2f@evil. */
  disguise: boolean;
  text: string;
}

/** The URL a parameter value is, read from the raw value so encoded slashes in the authority stay inside it. */
function parseUrl(input: Input): ParsedUrl | null {
  if (!URL_START.test(input.decoded)) return null;
  let raw = input.raw;
  for (let round = 0; round < 3 && !URL_START.test(raw); round++) raw = decodeOnce(raw);
  const m = URL_START.exec(raw);
  if (!m) return null;
  const scheme = m[2]!.toLowerCase();
  // Only file: names a path with a single slash (file:/etc/x); every other scheme needs an authority.
  if (m[3]!.length < 2 && scheme !== "file") return null;
  const rest = raw.slice(m[0].length);
  const authority = m[3]!.length >= 2 ? /^[^/?#\\\s]*/.exec(rest)![0] : "";
  const at = authority.lastIndexOf("@");
  const userinfo = at < 0 ? "" : decodeOnce(authority.slice(0, at)).toLowerCase();
  return {
    scheme,
    wrapped: m[1]!.length > 0,
    host: bareHost(decodeOnce(at < 0 ? authority : authority.slice(at + 1))),
    disguise: /[./\\]/.test(userinfo),
    text: input.decoded.trim(),
  };
}

function urlParameter(input: Input): ParsedUrl | null {
  if (input.part === "path" || input.part.endsWith("#name")) return null;
  return parseUrl(input);
}

/* ------------------------------------------------------------------ Perl */

/** @{[ code ]} (array interpolation of an anonymous array) and ${\ code } (of a scalar reference). */
const PERL =
  /(?<!@)@{1,4}\s{0,20}\{\s{0,20}\[[^\]]{0,120}\]?|\$\{\s{0,20}\\\s{0,20}(?:\(|do\s*\{|&?(?:core::)?(?:system|exec|qx|eval|readpipe|open|require|getpwuid)\b|`)/;

export const WIDE_PARANOID: PayloadDetector[] = [
  {
    id: "sn-rfi-fetch-scheme",
    title: "Remote file inclusion: parameter holds a file, FTP, gopher, LDAP or archive URL",
    category: "rfi",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: PARAMS,
    readsEvent: true,
    match: (i, _sql, event) => {
      const url = urlParameter(i);
      if (!url || (HTTP.has(url.scheme) && !url.wrapped)) return null;
      // FTP and the like to the site itself is its own business; file: and wrappers never are.
      if (
        url.host &&
        url.scheme !== "file" &&
        url.scheme !== "local_file" &&
        !url.wrapped &&
        isOwnHost(url.host, ownHosts(event))
      )
        return null;
      return url.text;
    },
  },
  {
    id: "sn-rfi-disguised-host",
    title: "Remote file inclusion: URL whose credentials pose as the host",
    category: "rfi",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: PARAMS,
    readsEvent: true,
    match: (i, _sql, event) => {
      const url = urlParameter(i);
      return url?.disguise && url.host && !isOwnHost(url.host, ownHosts(event)) ? url.text : null;
    },
  },
  {
    id: "sn-rfi-offsite-url",
    title: "Remote file inclusion: parameter holds a URL to another site",
    category: "rfi",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: PARAMS,
    readsEvent: true,
    match: (i, _sql, event) => {
      const url = urlParameter(i);
      if (!url || !HTTP.has(url.scheme) || url.wrapped || LINK_FIELD.test(fieldName(i.part))) return null;
      return url.host && isOwnHost(url.host, ownHosts(event)) ? null : url.text;
    },
  },
  {
    id: "sn-perl-interpolation",
    title: "Perl injection: code run inside an interpolated string",
    category: "other",
    points: 4,
    technique: "T1059",
    paranoia: 2,
    fields: BODYLESS,
    match: (i) => (i.decoded.includes("{") ? (PERL.exec(i.decoded.slice(0, MAX_SCAN))?.[0] ?? null) : null),
  },
];
