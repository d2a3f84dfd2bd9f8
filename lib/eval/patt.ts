// PayloadsAllTheThings payload lists (the Intruder/Intruders folders of ../shared/corpora/patt),
// read by path and never copied: every payload line of every list, in every placement × encoding
// cell (placements.ts), through the whole engine. A payload is caught in a cell when a detection of
// its class fires there. The class is the list's folder; the part (tuned / measured) is the list's.
import fs from "node:fs";
import path from "node:path";
import { CATEGORIES, type Category } from "@/lib/detection/types.ts";
import { partOf, type Part } from "./split.ts";

/** Longer lines (whole XML documents, padded probes) are skipped and counted, not cut: a cut payload is another payload. */
export const MAX_LINE = 4096;

export interface PattList {
  /** Path inside the corpus folder, the key of partOf(). */
  file: string;
  folder: string;
  part: Part;
  /** The payloads measured (deduplicated, sampled when asked). */
  lines: string[];
  /** Payload lines in the file (after comments, blanks and duplicates are dropped). */
  total: number;
  tooLong: number;
}

/**
 * A list's comment: "#" then a space, the end, or a letter ("# from wapiti", "#Yandex:"). A "#"
 * followed by a quote, bracket or markup is a payload (a URL fragment, an SQL comment).
 */
export function isComment(line: string): boolean {
  return /^#(\s|$|[A-Za-z])/.test(line);
}

/** Payload lines of a list file's text: no blanks, comments, duplicates or over-long lines. */
export function payloadLines(text: string): { lines: string[]; tooLong: number } {
  const seen = new Set<string>();
  let tooLong = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\r$/, "");
    if (!line.trim() || isComment(line)) continue;
    if (line.length > MAX_LINE) tooLong += 1;
    else seen.add(line);
  }
  return { lines: [...seen], tooLong };
}

/** At most `max` lines spread evenly over the list (the same ones every run); 0 keeps all. */
export function sampleLines(lines: string[], max: number): string[] {
  if (!max || lines.length <= max) return lines;
  return Array.from({ length: max }, (_, i) => lines[Math.floor((i * lines.length) / max)]!);
}

function listFiles(dir: string, rel = ""): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(dir, child);
      return /(^|\/)Intruders?\//.test(child) && !entry.name.endsWith(".md") ? [child] : [];
    });
}

export function readPatt(dir: string, sample = 0): PattList[] {
  return listFiles(dir).map((file) => {
    const { lines, tooLong } = payloadLines(fs.readFileSync(path.join(dir, file), "utf8"));
    return {
      file,
      folder: file.split("/")[0]!,
      part: partOf(file),
      lines: sampleLines(lines, sample),
      total: lines.length,
      tooLong,
    };
  });
}

export interface PattClass {
  label: string;
  /** Categories that count as catching it; "any" where we have no category of its own (any detection counts). */
  categories: Category[] | "any";
}

const has = (name: string): name is Category => (CATEGORIES as readonly string[]).includes(name);
/** The first of the names that is one of our categories, else "any". */
const own = (...names: string[]): Category[] | "any" => {
  const found = names.filter(has);
  return found.length ? [found[0]!] : "any";
};

/** The class of a PATT folder, in our categories. */
export function pattClass(folder: string): PattClass {
  const f = folder.toLowerCase();
  if (f.startsWith("sql")) return { label: "sqli", categories: ["sqli"] };
  if (f.startsWith("xss")) return { label: "xss", categories: ["xss"] };
  if (f.startsWith("command")) return { label: "command_injection", categories: ["command_injection"] };
  if (f.startsWith("directory traversal")) return { label: "path_traversal", categories: ["path_traversal"] };
  if (f.startsWith("file inclusion")) return { label: "file inclusion", categories: ["path_traversal", "rfi"] };
  if (f.startsWith("server side request")) return { label: "ssrf", categories: ["ssrf"] };
  if (f.startsWith("open redirect")) {
    const c = own("open_redirect");
    return { label: "open redirect", categories: c === "any" ? ["other"] : c };
  }
  if (f.startsWith("server side template")) return { label: "ssti", categories: own("ssti", "template_injection") };
  // SSI directives: exec runs a command (command_injection), the others are "other" (grammar/ssi).
  if (f.startsWith("server side include")) return { label: "ssi", categories: ["command_injection", "other"] };
  if (f.startsWith("nosql")) return { label: "nosql", categories: own("nosql_injection", "nosqli", "nosql") };
  if (f.startsWith("ldap")) return { label: "ldap", categories: own("ldap_injection", "ldapi", "ldap") };
  if (f.startsWith("xxe")) return { label: "xxe", categories: own("xxe") };
  // Header and response splitting are protocol attacks (grammar/mail).
  if (f.startsWith("crlf")) return { label: "crlf", categories: ["protocol"] };
  if (f.startsWith("insecure deserialization")) return { label: "deserialization", categories: own("deserialization") };
  if (f.startsWith("prototype")) return { label: "prototype pollution", categories: own("prototype_pollution") };
  if (f.startsWith("upload")) return { label: "upload", categories: own("file_upload", "upload") };
  return { label: folder, categories: "any" };
}

/** Caught when a detection of the class fired (any detection, for a class without a category). */
export function caughtBy(cls: PattClass, fired: Set<string>): boolean {
  return cls.categories === "any" ? fired.size > 0 : cls.categories.some((c) => fired.has(c));
}
