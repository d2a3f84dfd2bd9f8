// One Sigma field condition ("field|mod1|mod2": values) compiled to a predicate over the field's
// value. Plain values are case-insensitive wildcard matches (* and ?, backslash escapes); the
// modifiers change how a value is compared. A modifier we do not implement is a load error.
import ipaddr from "ipaddr.js";
import { RE2JS } from "re2js";

export class SigmaError extends Error {}

export type ValuePredicate = (value: unknown) => boolean;

const SUPPORTED = new Set([
  "contains",
  "startswith",
  "endswith",
  "all",
  "re",
  "i",
  "m",
  "s",
  "cidr",
  "base64",
  "base64offset",
  "windash",
  "exists",
  "gt",
  "gte",
  "lt",
  "lte",
  "cased",
]);

/**
 * A value as regex source: * and ? are wildcards, a backslash escapes them; anchored per mode.
 * Linear in the text: with a * between two parts, "a*b" as a[\s\S]*b re-read the rest of the
 * text from every "a" when no "b" follows (quadratic on a long field of "a"s). Instead each part
 * before the last is found once, leftmost (which is enough for a wildcard), in a lookahead that is
 * not backtracked into, and consumed by a backreference; `groups` numbers those captures across the
 * alternatives of one regex.
 */
function wildcardSource(
  value: string,
  mode: "exact" | "contains" | "startswith" | "endswith",
  groups: { count: number },
): string {
  const parts = [""];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && (value[i + 1] === "*" || value[i + 1] === "?" || value[i + 1] === "\\")) {
      parts[parts.length - 1] += `\\${value[++i]}`;
    } else if (c === "*") parts.push("");
    else if (c === "?") parts[parts.length - 1] += "[\\s\\S]";
    else parts[parts.length - 1] += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const anchoredStart = mode === "exact" || mode === "startswith";
  const anchoredEnd = mode === "exact" || mode === "endswith";
  if (parts.length === 1) return `${anchoredStart ? "^" : ""}${parts[0]}${anchoredEnd ? "$" : ""}`;
  const leftmost = (part: string) => `(?=([\\s\\S]*?${part}))\\${++groups.count}`;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  let out = "^" + (anchoredStart ? first : first ? leftmost(first) : "");
  for (const part of parts.slice(1, -1)) if (part) out += leftmost(part);
  return out + (anchoredEnd ? `[\\s\\S]*${last}$` : last ? `[\\s\\S]*?${last}` : "");
}

const asText = (value: unknown): string | null =>
  value === undefined || value === null
    ? null
    : typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);

/** Every rule lowercases the same few field values of an event: do it once per value. */
const lowered = new Map<string, string>();
function lowerCase(text: string): string {
  let lower = lowered.get(text);
  if (lower === undefined) {
    if (lowered.size >= 256) lowered.clear();
    lowered.set(text, (lower = text.toLowerCase()));
  }
  return lower;
}

function base64Variants(text: string, offsets: boolean): string[] {
  const bytes = Buffer.from(text, "utf8");
  if (!offsets) return [bytes.toString("base64").replace(/=+$/, "")];
  const start = [0, 2, 3];
  const end = [0, 3, 2];
  return [0, 1, 2].map((i) => {
    const encoded = Buffer.concat([Buffer.alloc(i), bytes]).toString("base64");
    const trimmedEnd = (bytes.length + i) % 3;
    return encoded.slice(start[i], trimmedEnd === 0 ? undefined : -end[trimmedEnd]!).replace(/=+$/, "");
  });
}

function windashVariants(text: string): string[] {
  if (!/^-|\s-/.test(text)) return [text];
  return ["-", "/", "\u2013", "\u2014", "\u2015"].map((dash) => text.replace(/(^|\s)-/g, `$1${dash}`));
}

/**
 * Longest part of a field value a Sigma rule reads: above every field ingest bounds (message and
 * body: 64 KB), and a bound on those it does not (referrer, cookie, headers).
 */
const MAX_VALUE = 65_536;
const capped = (text: string) => (text.length > MAX_VALUE ? text.slice(0, MAX_VALUE) : text);

/**
 * A Sigma `re` value on RE2 (re2js): linear in the input whatever the pattern, as rules are
 * uploaded by users and a backtracking engine lets one pattern, such as (a+)+$, hold the process
 * for seconds per event. RE2 reads Sigma's PCRE-like syntax, inline flags such as (?i) included;
 * what it cannot run in linear time, backreferences and lookarounds, is refused with the reason.
 */
function compileRegex(field: string, source: string, flags: number): RE2JS {
  const refuse = (why: string) =>
    new SigmaError(
      `field "${field}": regular expression not supported: ${why} (Sigma regexes run on RE2, a linear-time engine)`,
    );
  if (/\\(?:[1-9]|k<)/.test(source.replace(/\\\\/g, "")))
    throw refuse("a backreference (\\1, \\k<name>) cannot run in linear time");
  if (/\((?:\?<?[=!])/.test(source.replace(/\\[\s\S]/g, "")))
    throw refuse("a lookaround ((?=…), (?!…), (?<=…), (?<!…)) cannot run in linear time");
  try {
    return RE2JS.compile(source, flags);
  } catch (error) {
    throw refuse((error as Error).message);
  }
}

/** Compiles the values of one field condition. Throws SigmaError with the reason when it cannot. */
export function compileValues(field: string, modifiers: string[], raw: unknown): ValuePredicate {
  for (const m of modifiers)
    if (!SUPPORTED.has(m)) throw new SigmaError(`unsupported modifier "${m}" on field "${field}"`);
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) throw new SigmaError(`field "${field}" has an empty value list`);
  const has = (m: string) => modifiers.includes(m);
  const all = has("all");

  if (has("exists")) {
    const want = values[0] === true || values[0] === "true";
    return (v) => (asText(v) !== null && asText(v) !== "") === want;
  }
  if (has("gt") || has("gte") || has("lt") || has("lte")) {
    const limit = Number(values[0]);
    if (!Number.isFinite(limit)) throw new SigmaError(`field "${field}": a numeric comparison needs a number`);
    return (v) => {
      const n = Number(asText(v));
      if (!Number.isFinite(n)) return false;
      return has("gt") ? n > limit : has("gte") ? n >= limit : has("lt") ? n < limit : n <= limit;
    };
  }

  let predicates: ValuePredicate[];
  if (has("re")) {
    const flags =
      (has("i") ? RE2JS.CASE_INSENSITIVE : 0) | (has("m") ? RE2JS.MULTILINE : 0) | (has("s") ? RE2JS.DOTALL : 0);
    predicates = values.map((value) => {
      const re = compileRegex(field, asText(value) ?? "", flags);
      return (v) => {
        const text = asText(v);
        return text !== null && re.test(capped(text));
      };
    });
  } else if (has("cidr")) {
    predicates = values.map((value) => {
      let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        range = ipaddr.parseCIDR(asText(value) ?? "");
      } catch {
        throw new SigmaError(`field "${field}": "${String(value)}" is not a CIDR range`);
      }
      return (v) => {
        const text = asText(v);
        if (!text || !ipaddr.isValid(text)) return false;
        let address = ipaddr.parse(text);
        if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress())
          address = (address as ipaddr.IPv6).toIPv4Address();
        return address.kind() === range[0].kind() && address.match(range);
      };
    });
  } else {
    const mode = has("contains")
      ? "contains"
      : has("startswith")
        ? "startswith"
        : has("endswith")
          ? "endswith"
          : "exact";
    const encoded = has("base64") || has("base64offset");
    const textMode = has("base64offset") ? "contains" : mode;
    const exact = has("cased") || encoded;
    const variants = (value: unknown) => {
      let texts = [asText(value) ?? ""];
      if (has("windash")) texts = texts.flatMap(windashVariants);
      if (encoded) texts = texts.flatMap((t) => base64Variants(t, has("base64offset")));
      return exact ? texts : texts.map((t) => t.toLowerCase());
    };
    // All of a field's values in one regular expression over the lowercased text: one native scan
    // instead of a loop of comparisons per value and rule (Sigma was a sixth of ingest's CPU).
    const matcher = (texts: string[]): ValuePredicate => {
      const groups = { count: 0 };
      const re = new RegExp(texts.map((t) => `(?:${wildcardSource(t, textMode, groups)})`).join("|"));
      return (v) => {
        const raw = asText(v);
        return raw !== null && re.test(capped(exact ? raw : lowerCase(raw)));
      };
    };
    const empty: ValuePredicate = (v) => asText(v) === null || asText(v) === "";
    const texts = values.filter((value) => value !== null);
    if (all) predicates = values.map((value) => (value === null ? empty : matcher(variants(value))));
    else
      predicates = [
        ...(texts.length ? [matcher(texts.flatMap(variants))] : []),
        ...(texts.length < values.length ? [empty] : []),
      ];
  }
  return all ? (v) => predicates.every((p) => p(v)) : (v) => predicates.some((p) => p(v));
}
