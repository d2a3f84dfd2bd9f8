// A value read as the file paths in it, resolved as the server's file system would: does one climb
// out of the folder it starts in (traversal), and where does it land (a file worth reading)? Each
// path token is split on both separators, each segment read as Unix, Windows and servlet
// containers read it (normalize.ts), and walked with a depth counter: a ".." below depth 0 escapes.
import { inferredSeparator, segmentName, strippedOnce, undisguise } from "./normalize.ts";
import { sensitiveLanding } from "./sensitive.ts";

export interface PathFinding {
  /** The token that climbs out of its starting folder, or uses "..;" to slip past a proxy's path rules. */
  traversal: string | null;
  /** The sensitive place a token resolves to. */
  landing: string | null;
}

/** Tokens resolved as paths per view (words without a separator are passed over, and do not count). */
const MAX_TOKENS = 64;
const MAX_SEGMENTS = 256;
/** Roots of the Unix, macOS and Windows trees where the system, its users and its services live. */
const SYSTEM_ROOT =
  /^(?:etc|usr|var|opt|home|root|srv|tmp|private|proc|sys|boot|dev|mnt|media|lib|lib64|bin|sbin|run|applications|library|users|system|volumes|windows|winnt|inetpub|program files(?: \(x86\))?|programdata|documents and settings|xampp|wamp|wamp64|lampp|apache\d*|nginx|tomcat\d*)$/;

interface Walk {
  escaped: boolean;
  /** A ".." step followed by a name: the path goes up and then somewhere else (a trailing "/.." only trims). */
  climbsThenNames: boolean;
  parents: number;
  param: boolean;
  segments: string[];
  separators: number;
}

function walk(token: string): Walk {
  const raw = token.split(/[/\\]+/, MAX_SEGMENTS);
  const segments: string[] = [];
  let escaped = false;
  let parents = 0;
  let param = false;
  let climbsThenNames = false;
  for (const part of raw) {
    if (part === "" || part === ".") continue;
    const segment = segmentName(part);
    if (segment.name === "..") {
      parents++;
      param ||= segment.param;
      if (segments.length === 0) escaped = true;
      else segments.pop();
      continue;
    }
    if (segment.name === "" || segment.name === ".") continue;
    if (parents > 0) climbsThenNames = true;
    segments.push(segment.name);
  }
  return { escaped, climbsThenNames, parents, param, segments, separators: raw.length - 1 };
}

/** How a token starts: at a file system root (absolute, a drive, UNC, a home folder) or relative. */
function anchorOf(token: string): { rooted: boolean; drive: boolean; home: boolean; rest: string } {
  const drive = /^[a-z]:(?=[/\\]|$)/.exec(token);
  if (drive) return { rooted: true, drive: true, home: false, rest: token.slice(2) };
  if (token.startsWith("~")) return { rooted: true, drive: false, home: true, rest: token.replace(/^~[\w.-]*/, "") };
  const scheme = /^file:(?:\/\/[^/\\]*)?/.exec(token);
  if (scheme) return anchorOf(token.slice(scheme[0].length) || "/");
  return { rooted: /^[/\\]/.test(token), drive: /^\\\\[^/\\]/.test(token), home: false, rest: token };
}

/** `whole`: the token is the whole value, so a bare file name ("web.config") is a path too; in running text it is a word. */
function readToken(token: string, inUrlPath: boolean, whole: boolean, finding: PathFinding) {
  if (!whole && !/[/\\]/.test(token)) return;
  const anchor = anchorOf(token);
  const w = walk(anchor.rest);
  let landing: string | null = null;
  if (w.segments.length > 0) {
    const anchored =
      w.escaped || anchor.drive || anchor.home || (anchor.rooted && !inUrlPath && SYSTEM_ROOT.test(w.segments[0]!));
    landing = sensitiveLanding(w.segments, anchored, anchor.drive)?.evidence ?? null;
    finding.landing ??= landing;
  }
  // A ".." step that climbs above the start, or any ".." step in a URL path: browsers resolve
  // dot segments before sending, so only a tool sends one. "..;" slips past proxies' path rules.
  // In running text ("the path is ../images") one step up is a way of speaking; two, or one to a
  // sensitive file, is not.
  const climbs = w.escaped && w.separators > 0 && (whole || inUrlPath || w.parents >= 2 || landing !== null);
  if (climbs || w.param || (inUrlPath && w.climbsThenNames)) finding.traversal ??= token;
}

const TOKEN = /[^\s"'`<>()[\]{},|^]+/g;

function readText(text: string, inUrlPath: boolean, prose: boolean, finding: PathFinding) {
  const single = !prose || !/[\s"'`<>()[\]{},|^]/.test(text.trim());
  TOKEN.lastIndex = 0;
  // The scan is linear in the text (tokens do not overlap); the cap bounds the paths resolved, so a
  // long value of prose cannot hide a path behind its first 64 words.
  for (let count = 0; count < MAX_TOKENS;) {
    const match = TOKEN.exec(text);
    if (!match) break;
    const token = match[0];
    if (token.length < 2) continue;
    // A quoted token (a multipart filename="…", a JSON or XML string) is a value of its own, not a word in prose.
    const quoted = match.index > 0 && /["'`=]/.test(text[match.index - 1]!);
    if (!single && !quoted && !/[/\\=]/.test(token)) continue;
    count++;
    // A form or query pair inside a raw body: the value is the path ("file=../x").
    const pair = /^[\w.[\]-]{1,64}=/.exec(token);
    readToken(pair ? token.slice(pair[0].length) : token, inUrlPath, single || quoted || pair !== null, finding);
    if (finding.traversal !== null && finding.landing !== null) return;
  }
}

/** Cheap test first: no separator, no dot-dot and no disguise means no path worth resolving. */
const PATH_HINT =
  /[/\\]|\.\.|^\.|[\u00e0\u00e1\u00f0\u00f8\u2024\u2044\u2215\u2216\u2571\u2572\u29f5\u29f8\u29f9\u3002\uff61]|0x(?:2e|2f|5c)|\.[\w-]{2,12}\s*$|^\s*[\w.-]+\s*$/;

/** Adds to `finding` the traversal and sensitive landing in one decoded view of a value; `prose`: the raw value holds blanks (decoding can add look-alike ones). */
export function analyzePath(decoded: string, inUrlPath: boolean, finding: PathFinding, prose = true): void {
  if (!PATH_HINT.test(decoded)) return;
  const text = undisguise(decoded);
  readText(text, inUrlPath, prose, finding);
  const done = () => finding.traversal !== null && finding.landing !== null;
  const stripped = done() ? null : strippedOnce(text);
  if (stripped !== null) readText(stripped, inUrlPath, prose, finding);
  const separated = done() ? null : inferredSeparator(text);
  if (separated !== null) readText(separated, inUrlPath, prose, finding);
}
