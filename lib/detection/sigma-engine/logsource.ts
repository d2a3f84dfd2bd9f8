// Which events a rule looks at, checked before any field: a webserver rule is not run on sshd
// lines. Webserver/apache/nginx: events with a URL or an HTTP method. Proxy: events with a URL.
// Linux services (sshd, auth, sudo, syslog, cron…): events of that module or dataset, or raw
// syslog-style lines (a message that is not a web request: an access log line has a URL).
// Anything else: events whose module, dataset or category names it.
import type { NormalizedEvent } from "@/lib/detection/event.ts";

export interface Logsource {
  category?: string;
  product?: string;
  service?: string;
}

const LINUX_AUTH = new Set([
  "sshd",
  "auth",
  "sudo",
  "su",
  "login",
  "pam",
  "syslog",
  "cron",
  "vsftpd",
  "clamav",
  "guacamole",
  "modsecurity",
]);

export function logsourceFilter(source: Logsource): (e: NormalizedEvent) => boolean {
  const category = source.category?.toLowerCase();
  const product = source.product?.toLowerCase();
  const service = source.service?.toLowerCase();
  if (
    category === "webserver" ||
    product === "apache" ||
    product === "nginx" ||
    service === "apache" ||
    service === "nginx"
  ) {
    return (e) => e.urlOriginal !== null || e.httpMethod !== null;
  }
  if (category === "proxy") return (e) => e.urlOriginal !== null;
  if (product === "linux") {
    const syslogLine = (e: NormalizedEvent) => e.message !== null && e.urlOriginal === null;
    if (!service && !category) return syslogLine;
    const name = service ?? category!;
    if (name === "sshd") return (e) => e.module === "sshd" || (e.message !== null && /\bsshd\b/.test(e.message));
    if (LINUX_AUTH.has(name) || name === "auditd")
      return (e) =>
        e.module === name || e.dataset?.startsWith(`${name}.`) === true || e.module === "sshd" || syslogLine(e);
    return (e) => e.module === name || e.dataset?.startsWith(`${name}.`) === true;
  }
  const names = [category, product, service].filter((n): n is string => Boolean(n));
  return (e) =>
    names.some(
      (n) => e.module === n || e.dataset === n || e.dataset?.startsWith(`${n}.`) === true || e.category.includes(n),
    );
}
