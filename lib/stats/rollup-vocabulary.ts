// The values the event rollups keep as themselves; anything else is rolled up as "other" (and no
// value as ""). The SQL functions rollup_module, rollup_action and rollup_category in
// prisma/migrations/20261203183000_event_rollups hold the same lists (rollup-vocabulary.int.test.ts
// checks they agree); changing one takes a migration. Pure constants: the browser may import it.

export const ROLLUP_MODULES = [
  "apache",
  "auditd",
  "aws",
  "azure",
  "cisco",
  "docker",
  "fortinet",
  "gcp",
  "haproxy",
  "iis",
  "kubernetes",
  "mysql",
  "nginx",
  "o365",
  "okta",
  "osquery",
  "panw",
  "postgresql",
  "securenet",
  "sshd",
  "suricata",
  "sysmon",
  "system",
  "traefik",
  "windows",
  "zeek",
] as const;

/** The actions SecureNet's parsers and its own security events write. */
export const ROLLUP_ACTIONS = [
  "access.denied",
  "auth.failure",
  "auth.lockout",
  "http_request",
  "ssh_invalid_user",
  "ssh_login",
  "ssh_login_failed",
  "ssh_login_invalid_user",
] as const;

/** ECS event.category's allowed values. */
export const ROLLUP_CATEGORIES = [
  "api",
  "authentication",
  "configuration",
  "database",
  "driver",
  "email",
  "file",
  "host",
  "iam",
  "intrusion_detection",
  "library",
  "malware",
  "network",
  "package",
  "process",
  "registry",
  "session",
  "threat",
  "vulnerability",
  "web",
] as const;

export const ROLLUP_OUTCOMES = ["success", "failure", "unknown"] as const;

/** HTTP status classes: 2 for 2xx. */
export const STATUS_CLASSES = [1, 2, 3, 4, 5] as const;
