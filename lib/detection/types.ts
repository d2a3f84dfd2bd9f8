// The vocabulary every detector speaks. A detection is one reason to worry about one event, with
// points on the OWASP CRS anomaly scale (critical 5, error 4, warning 3, notice 2).
export const CATEGORIES = [
  "sqli",
  "xss",
  "path_traversal",
  "rfi",
  "command_injection",
  "php_injection",
  "java_injection",
  "ssrf",
  "scanner",
  "protocol",
  "brute_force",
  "credential_stuffing",
  "recon",
  "reputation",
  "anomaly",
  "policy",
  "template_injection",
  "nosql_injection",
  "ldap_injection",
  "xxe",
  "deserialization",
  "prototype_pollution",
  "open_redirect",
  "other",
] as const;

export type Category = (typeof CATEGORIES)[number];

export const POINTS = { critical: 5, error: 4, warning: 3, notice: 2 } as const;

export interface Detection {
  /** Stable id of the detector or rule, e.g. "sn-sqli-tautology" or a Sigma rule's id. */
  id: string;
  category: Category;
  title: string;
  points: number;
  /** MITRE ATT&CK technique, e.g. "T1190". */
  technique?: string;
  /** The ECS field it was found in, e.g. "url.original" or "http.request.body.content". */
  field: string;
  /** Why, in words an analyst understands, quoting the (decoded, shortened) evidence. */
  reason: string;
}

/**
 * A detector (payload detector id or Sigma rule id) that threw on an event. The engine reports it
 * to the caller's sink and goes on with the other detectors: swallowed, a detector that always
 * throws would simply never fire, and nobody would know. The engine stays pure: counting and
 * logging are the caller's (lib/metrics/detector-errors.ts).
 */
export interface DetectorError {
  detector: string;
  error: unknown;
}

export type DetectorErrorSink = (error: DetectorError) => void;
