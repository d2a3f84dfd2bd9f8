// IP reputation lists from local files: one address or CIDR range a line, `#` comments. The
// file name (without .txt) names the list, e.g. rules/reputation/tor-exit.txt -> "tor-exit".
// An address on a list is a detection of category "reputation".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { POINTS, type Detection } from "./types.ts";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface ReputationList {
  name: string;
  size: number;
  contains(ip: string): boolean;
}

export interface ListError {
  list: string;
  line: number;
  reason: string;
}

const RECENT_LIMIT = 65_536;

function normalize(address: ipaddr.IPv4 | ipaddr.IPv6) {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

export function parseReputationList(name: string, text: string): { list: ReputationList; errors: ListError[] } {
  const exact = new Set<string>();
  const ranges: Range[] = [];
  const errors: ListError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.replace(/#.*/, "").trim();
    if (!entry) return;
    try {
      if (entry.includes("/")) {
        const [address, bits] = ipaddr.parseCIDR(entry);
        ranges.push([normalize(address), bits]);
      } else {
        exact.add(normalize(ipaddr.parse(entry)).toNormalizedString());
      }
    } catch {
      errors.push({
        list: name,
        line: index + 1,
        reason: `"${entry.slice(0, 60)}" is not an IP address or CIDR range`,
      });
    }
  });
  const lookup = (ip: string) => {
    if (!ipaddr.isValid(ip)) return false;
    const address = normalize(ipaddr.parse(ip));
    if (exact.has(address.toNormalizedString())) return true;
    return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
  };
  // The same sources come back event after event: remember recent answers (bounded).
  const recent = new Map<string, boolean>();
  const list: ReputationList = {
    name,
    size: exact.size + ranges.length,
    contains(ip) {
      let listed = recent.get(ip);
      if (listed === undefined) {
        if (recent.size >= RECENT_LIMIT) recent.clear();
        recent.set(ip, (listed = lookup(ip)));
      }
      return listed;
    },
  };
  return { list, errors };
}

export function loadReputationDirectory(dir: string): { lists: ReputationList[]; errors: ListError[] } {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
  } catch {
    return { lists: [], errors: [] };
  }
  const lists: ReputationList[] = [];
  const errors: ListError[] = [];
  for (const file of files) {
    const parsed = parseReputationList(path.basename(file, ".txt"), readFileSync(path.join(dir, file), "utf8"));
    lists.push(parsed.list);
    errors.push(...parsed.errors);
  }
  return { lists, errors };
}

export function reputationDetections(lists: ReputationList[], event: NormalizedEvent): Detection[] {
  const detections: Detection[] = [];
  for (const [field, ip] of [
    ["source.ip", event.sourceIp],
    ["destination.ip", event.destinationIp],
  ] as const) {
    if (!ip) continue;
    for (const list of lists) {
      if (!list.contains(ip)) continue;
      detections.push({
        id: `sn-reputation-${list.name}`,
        category: "reputation",
        title: `Address on the "${list.name}" reputation list`,
        points: POINTS.warning,
        field,
        reason: `${ip} is listed in ${list.name}`,
      });
    }
  }
  return detections;
}
