// nginx and Apache access logs in the combined (or common) format into ECS web fields.
import { timestampInRange } from "../hostile-input.ts";
import type { ParsedFields } from "./types.ts";

const COMBINED =
  /^(?<ip>[\da-fA-F.:]+) \S+ (?<user>\S+) \[(?<time>[^\]]+)\] "(?<method>[A-Z]+) (?<url>\S+)(?: HTTP\/[\d.]+)?" (?<status>\d{3}) (?:\d+|-)(?: "(?<referrer>[^"]*)" "(?<agent>[^"]*)")?/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 10/Oct/2000:13:55:36 -0700 -> 2000-10-10T13:55:36-07:00 */
function accessLogTime(value: string): string | undefined {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!) + 1;
  if (month === 0) return undefined;
  const iso = `${m[3]}-${String(month).padStart(2, "0")}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`;
  // Out of the stored range (year 0000, say), the line's time is ignored: the event gets now.
  return timestampInRange(Date.parse(iso)) ? new Date(iso).toISOString() : undefined;
}

export function looksLikeAccessLog(message: string): boolean {
  return COMBINED.test(message);
}

export function parseAccessLog(message: string, module?: "nginx" | "apache"): ParsedFields | null {
  const g = COMBINED.exec(message)?.groups;
  if (!g) return null;
  const status = Number(g.status);
  return {
    module,
    dataset: "access",
    category: ["web"],
    action: "http_request",
    outcome: status >= 400 ? "failure" : "success",
    timestamp: accessLogTime(g.time!),
    sourceIp: g.ip,
    userName: g.user && g.user !== "-" ? g.user : undefined,
    urlOriginal: g.url,
    httpMethod: g.method,
    httpStatus: status,
    userAgent: g.agent && g.agent !== "-" ? g.agent : undefined,
  };
}
