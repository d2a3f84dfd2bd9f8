// The words SecureNet's data is written in: severities, alert and incident statuses, triage
// dispositions and the ATT&CK techniques our detectors and shipped rules name. Stored rows, API
// answers, filters and badges all spell them from here. Pure constants, no imports: the engine
// (lib/detection) and the browser bundle may both use it.

/** Ascending: a filter "at least high" keeps the values from high on. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The lowest 0-100 score of each band (../shared/CONTRACT.md "Alerts and scores"). */
export const SEVERITY_MIN_SCORE = { low: 0, medium: 40, high: 70, critical: 90 } as const satisfies Record<
  Severity,
  number
>;

/** A severity's place in SEVERITIES: 0 for low, 3 for critical. */
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

export const ALERT_STATUSES = ["new", "acknowledged", "in_progress", "resolved", "false_positive"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Closed alerts are done with: an event for the same rule and entity opens a new alert. */
export const CLOSED_ALERT_STATUSES = ["resolved", "false_positive"] as const satisfies readonly AlertStatus[];
export const OPEN_ALERT_STATUSES = ALERT_STATUSES.filter(
  (s): s is Exclude<AlertStatus, (typeof CLOSED_ALERT_STATUSES)[number]> => !isClosedAlertStatus(s),
);

export function isClosedAlertStatus(status: string): boolean {
  return (CLOSED_ALERT_STATUSES as readonly string[]).includes(status);
}

/** What an analyst concluded when closing an alert. */
export const ALERT_DISPOSITIONS = ["true_positive", "false_positive", "benign_positive", "duplicate"] as const;
export type AlertDisposition = (typeof ALERT_DISPOSITIONS)[number];

/** The status an alert closed with this disposition takes: a false positive is its own status. */
export function closingAlertStatus(disposition: string): AlertStatus {
  return disposition === "false_positive" ? "false_positive" : "resolved";
}

export const INCIDENT_STATUSES = ["open", "investigating", "contained", "resolved", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** An incident in one of these has a closedAt. */
export const CLOSED_INCIDENT_STATUSES = ["resolved", "closed"] as const satisfies readonly IncidentStatus[];

export type AttackTactic =
  | "reconnaissance"
  | "resource-development"
  | "initial-access"
  | "execution"
  | "persistence"
  | "privilege-escalation"
  | "defense-evasion"
  | "credential-access"
  | "discovery"
  | "collection"
  | "command-and-control"
  | "exfiltration"
  | "impact";

/**
 * The MITRE ATT&CK techniques that our detectors and shipped Sigma rules name, with the tactic we
 * use each for (a technique can serve several; this is the one our rules tag it with).
 */
export const ATTACK_TECHNIQUES = {
  "T1003.008": { name: "OS Credential Dumping: /etc/passwd and /etc/shadow", tactic: "credential-access" },
  T1005: { name: "Data from Local System", tactic: "collection" },
  "T1053.002": { name: "Scheduled Task/Job: At", tactic: "execution" },
  T1059: { name: "Command and Scripting Interpreter", tactic: "execution" },
  "T1059.003": { name: "Command and Scripting Interpreter: Windows Command Shell", tactic: "execution" },
  "T1059.004": { name: "Command and Scripting Interpreter: Unix Shell", tactic: "execution" },
  "T1059.007": { name: "Command and Scripting Interpreter: JavaScript", tactic: "execution" },
  "T1070.003": { name: "Indicator Removal: Clear Command History", tactic: "defense-evasion" },
  "T1071.001": { name: "Application Layer Protocol: Web Protocols", tactic: "command-and-control" },
  "T1078.003": { name: "Valid Accounts: Local Accounts", tactic: "privilege-escalation" },
  T1083: { name: "File and Directory Discovery", tactic: "discovery" },
  "T1090.003": { name: "Proxy: Multi-hop Proxy", tactic: "command-and-control" },
  T1105: { name: "Ingress Tool Transfer", tactic: "command-and-control" },
  T1110: { name: "Brute Force", tactic: "credential-access" },
  "T1110.001": { name: "Brute Force: Password Guessing", tactic: "credential-access" },
  "T1110.003": { name: "Brute Force: Password Spraying", tactic: "credential-access" },
  T1133: { name: "External Remote Services", tactic: "initial-access" },
  "T1136.001": { name: "Create Account: Local Account", tactic: "persistence" },
  T1190: { name: "Exploit Public-Facing Application", tactic: "initial-access" },
  T1496: { name: "Resource Hijacking", tactic: "impact" },
  "T1499.004": { name: "Endpoint Denial of Service: Application or System Exploitation", tactic: "impact" },
  "T1505.003": { name: "Server Software Component: Web Shell", tactic: "persistence" },
  "T1548.003": { name: "Abuse Elevation Control Mechanism: Sudo and Sudo Caching", tactic: "privilege-escalation" },
  "T1552.005": { name: "Unsecured Credentials: Cloud Instance Metadata API", tactic: "credential-access" },
  T1567: { name: "Exfiltration Over Web Service", tactic: "exfiltration" },
  T1568: { name: "Dynamic Resolution", tactic: "command-and-control" },
  "T1583.001": { name: "Acquire Infrastructure: Domains", tactic: "resource-development" },
  "T1595.001": { name: "Active Scanning: Scanning IP Blocks", tactic: "reconnaissance" },
  "T1595.002": { name: "Active Scanning: Vulnerability Scanning", tactic: "reconnaissance" },
  "T1595.003": { name: "Active Scanning: Wordlist Scanning", tactic: "reconnaissance" },
} as const satisfies Record<string, { name: string; tactic: AttackTactic }>;
export type AttackTechniqueId = keyof typeof ATTACK_TECHNIQUES;

/** The technique's name, or undefined for one this table does not know (an uploaded rule's). */
export function attackTechniqueName(id: string): string | undefined {
  return (ATTACK_TECHNIQUES as Record<string, { name: string }>)[id]?.name;
}

/** The technique's page on attack.mitre.org (a sub-technique's id T1059.004 becomes T1059/004). */
export function attackTechniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace(".", "/")}/`;
}
