// Raw log lines in `message`: parsed when event.module says sshd, nginx or apache, or when the
// line is recognised as one of them.
import { looksLikeAccessLog, parseAccessLog } from "./access-log.ts";
import { looksLikeSshd, parseSshd } from "./sshd.ts";
import type { ParsedFields } from "./types.ts";

export type { ParsedFields };

export function parseRawMessage(message: string, module: string | undefined): ParsedFields | null {
  const line = message.trim();
  if (module === "sshd") return parseSshd(line);
  if (module === "nginx" || module === "apache") return parseAccessLog(line, module);
  if (module) return null;
  if (looksLikeSshd(line)) return parseSshd(line);
  // Combined format is shared by nginx and Apache: which server it was cannot be told.
  if (looksLikeAccessLog(line)) return parseAccessLog(line);
  return null;
}
