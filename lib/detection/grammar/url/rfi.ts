// Remote file inclusion: a parameter whose value is a URL the server would fetch and run as its
// own code (PHP include with allow_url_include, SSI, template loaders). What gives it away is the
// shape of a URL nobody links to: a host written as an IP address, a trailing "?" or NUL that
// cuts off the suffix the application appends (include($page . ".php")), a path to a script or a
// text file holding one, or a parameter named for a place on disk.
import { parseIpv4 } from "./host.ts";
import { parseUrl, urlStarts } from "./parse.ts";

const FETCHED = /^(?:https?|ftps?|smb|sftp|dav|davs|webdav|ssh2\.sftp)$/;
/** Files included as code, or text files that carry it past an upload filter. */
const SCRIPT = /\.(?:php\d?|phtml|phps|inc|txt|sh|pl|py|rb|cgi|jsp|jspx|asp|aspx|cfm|shtml|js)$/;
/** Pictures, fonts, styles and documents: an image_path or font_dir may well point at a CDN. */
const ASSET = /\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|css|woff2?|ttf|otf|eot|mp[34]|webm|pdf|json|xml)$/;

const nameWords = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const DISK_WORD =
  /^(?:path|dir|directory|root|folder|include|inc|require|basedir|basepath|rootdir|rootpath|abspath|libdir|libpath|includedir|includepath|docroot|webroot|template|tpl|file|filename|module|plugin|lang|language|layout|theme|skin|conf|config|cfg)$/;
const LINK_WORD =
  /^(?:redirect|redir|return|callback|next|continue|goto|back|referer|referrer|success|failure|cancel|login|logout|url|uri|href|link|image|img|avatar|icon|logo|photo|picture|thumb|thumbnail|cover|banner|feed|rss|site|website|homepage|webhook)$/;
/** A parameter named for a place on the server's disk (mosConfig_absolute_path, _CONF[path], includeFile), not for a link. */
export function namesDiskLocation(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last !== undefined && DISK_WORD.test(last) && !words.some((w) => LINK_WORD.test(w));
}

export interface RfiFinding {
  evidence: string;
  /** Found by the parameter's name (a disk location) rather than by the URL's shape. */
  byName: boolean;
}

/** `decoded` is the whole value; `nulCut` that the raw value ended in a NUL byte; `name` the parameter (raw case). */
export function rfiTarget(decoded: string, nulCut: boolean, name: string): RfiFinding | null {
  const whole = urlTarget(decoded.trim(), nulCut, name);
  if (whole || name !== "") return whole;
  // A raw body (XML, JSON, a form the sensor did not split): URLs after a tag, quote or "=".
  for (const start of urlStarts(decoded).slice(1)) {
    if (!/[>"'=\s]/.test(decoded[start - 1]!)) continue;
    const found = urlTarget(decoded.slice(start).split(/[\s<"']/, 1)[0]!, false, "");
    if (found) return found;
  }
  return null;
}

function urlTarget(text: string, nulCut: boolean, name: string): RfiFinding | null {
  // \\host\share\file: Windows includes over SMB ("allow_url_include" does not apply to UNC paths).
  if (/^\\\\[a-z0-9.-]+\\[^\\\s]+\\/.test(text) && SCRIPT.test(text.replace(/[?#].*$/, "")))
    return { evidence: text.slice(0, 120), byName: false };
  const url = parseUrl(text);
  if (!url || !FETCHED.test(url.scheme) || url.hosts.length === 0) return null;
  const ipHost = url.hosts.some((h) => h.startsWith("[") || parseIpv4(h) !== null);
  const path = url.rest.replace(/[?#].*$/, "");
  const evidence = { evidence: text.slice(0, 120), byName: false };
  if (namesDiskLocation(name) && !ASSET.test(path)) return { ...evidence, byName: true };
  if (ipHost) return evidence;
  if (text.endsWith("?") && path.length > 1) return evidence;
  if (nulCut) return evidence;
  const words = nameWords(name);
  // A link parameter (next, url, image) points at pages and scripts by design.
  if (SCRIPT.test(path) && !/\.js$/.test(path) && !words.some((w) => LINK_WORD.test(w))) return evidence;
  return null;
}
