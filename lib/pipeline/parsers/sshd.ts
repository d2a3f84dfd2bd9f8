// OpenSSH server log lines (optionally with a syslog prefix) into ECS authentication fields.
import type { ParsedFields } from "./types.ts";

const SYSLOG =
  /^(?:<\d+>)?(?:(?<stamp>[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2})\s+(?<host>\S+)\s+)?sshd(?:\[\d+\])?:\s*(?<rest>.*)$/;
const FAILED =
  /^Failed (?<method>password|publickey|keyboard-interactive\/pam|none) for (?<invalid>invalid user )?(?<user>\S*) from (?<ip>[\da-fA-F.:]+) port (?<port>\d+)/;
const ACCEPTED =
  /^Accepted (?<method>password|publickey|keyboard-interactive\/pam|gssapi-with-mic) for (?<user>\S+) from (?<ip>[\da-fA-F.:]+) port (?<port>\d+)/;
const INVALID = /^Invalid user (?<user>\S*) from (?<ip>[\da-fA-F.:]+)(?: port (?<port>\d+))?/;

export function looksLikeSshd(message: string): boolean {
  return SYSLOG.test(message) || FAILED.test(message) || ACCEPTED.test(message) || INVALID.test(message);
}

export function parseSshd(message: string): ParsedFields | null {
  const prefix = SYSLOG.exec(message);
  const rest = prefix?.groups?.rest ?? message;
  const host = prefix?.groups?.host;
  const base = { module: "sshd", category: ["authentication"], hostName: host };
  let m = FAILED.exec(rest);
  if (m?.groups) {
    const g = m.groups;
    return {
      ...base,
      action: g.invalid ? "ssh_login_invalid_user" : "ssh_login_failed",
      outcome: "failure",
      userName: g.user,
      sourceIp: g.ip,
      sourcePort: Number(g.port),
    };
  }
  m = ACCEPTED.exec(rest);
  if (m?.groups)
    return {
      ...base,
      action: "ssh_login",
      outcome: "success",
      userName: m.groups.user,
      sourceIp: m.groups.ip,
      sourcePort: Number(m.groups.port),
    };
  m = INVALID.exec(rest);
  if (m?.groups)
    return {
      ...base,
      action: "ssh_invalid_user",
      outcome: "failure",
      userName: m.groups.user,
      sourceIp: m.groups.ip,
      sourcePort: m.groups.port ? Number(m.groups.port) : undefined,
    };
  return prefix ? { ...base, category: ["authentication"] } : null;
}
