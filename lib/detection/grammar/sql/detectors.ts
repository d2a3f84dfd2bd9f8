// The SQL grammar analysis as payload detectors: one per technique, so alerts and overrides keep
// the ids the regex detectors had (same meaning, new reasoning). The analysis runs once per input
// value and each detector reads its technique from the cached result; a cheap character test
// skips values that cannot leave any context or call anything (plain words and numbers).
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { analyzeSql, type Finding, type Technique } from "./analyze.ts";

/** Longer values are read up to here: an injection's structure sits near the break-out. */
const MAX_VALUE = 4096;

/** A value with none of these has no quote, comment, operator or call to break out with. */
const MAY_BE_SQL =
  /['"`;()#=<>|&*]|--|\/\*|\b(?:or|and|union|order|group|having|waitfor|exec|xp_\w+|sp_\w+|utl_\w+|dbms_\w+|openrowset|opendatasource|select|sleep|pg_sleep|benchmark|declare|backup|information_schema|pg_catalog|sqlite_master|sysobjects|syscolumns|tempdb|msdb|northwind|sys\w+|msys\w+|sqlite_\w+|pg_\w+|mysql\.\w+|sys\.\w+)\b|@@|\b(?:alter|create|drop|truncate|rename)\s+(?:table|database|user|view|procedure|function|schema|index)\b/;

let last: { value: string; findings: Finding[] } | null = null;
/** The grammar analysis's findings for one input (cached for the input's value): other detectors weigh them too. */
export function findingsOf(input: Input): Finding[] {
  const value = input.decoded.length > MAX_VALUE ? input.decoded.slice(0, MAX_VALUE) : input.decoded;
  if (last?.value === value) return last.findings;
  let findings: Finding[] = [];
  if (MAY_BE_SQL.test(value)) {
    findings = analyzeSql(value);
    // A URL path: each segment is a value of its own (/item/1 or 1=1, /page/x'union select …).
    if (findings.length === 0 && input.part === "path") {
      const segments = value.split("/");
      for (let n = 0; n < segments.length && n < 32 && findings.length === 0; n++)
        if (segments[n] && MAY_BE_SQL.test(segments[n]!)) findings = analyzeSql(segments[n]!);
    }
    // Typographic quotes become ASCII ones in some drivers and collations.
    if (findings.length === 0 && /[\u2018\u2019\u201b\u2032\uff07]/.test(value))
      findings = analyzeSql(value.replace(/[\u2018\u2019\u201b\u2032\uff07]/g, "'"));
  }
  last = { value, findings };
  return findings;
}

function detector(
  id: string,
  title: string,
  techniques: readonly Technique[],
  paranoia: 1 | 2,
  points: number,
): PayloadDetector {
  return {
    id,
    title,
    category: "sqli",
    points,
    technique: WEB,
    paranoia,
    fields: [...BODYLESS, "user_agent.original"],
    match: (input) => {
      for (const f of findingsOf(input))
        if (f.paranoia === paranoia && techniques.includes(f.technique)) return f.evidence;
      return null;
    },
  };
}

export const SQL_GRAMMAR: PayloadDetector[] = [
  detector("sn-sqli-union", "SQL injection: UNION SELECT", ["union"], 1, 5),
  detector("sn-sqli-tautology", "SQL injection: condition chained after a break-out", ["tautology"], 1, 5),
  detector("sn-sqli-comment-break", "SQL injection: break-out and the rest commented out", ["comment"], 1, 5),
  detector("sn-sqli-stacked", "SQL injection: stacked statement", ["stacked"], 1, 5),
  detector("sn-sqli-time-blind", "SQL injection: time-based blind probe", ["time"], 1, 5),
  detector(
    "sn-sqli-functions",
    "SQL injection: error-raising functions, system catalogs or system access",
    ["error", "catalog", "system", "variable", "function"],
    1,
    5,
  ),
  detector(
    "sn-sqli-subquery",
    "SQL injection: subquery or conditional after a break-out",
    ["subquery", "conditional", "string-building"],
    1,
    4,
  ),
  detector("sn-sqli-order-probe", "SQL injection: column count probe", ["order-probe"], 1, 4),
  detector(
    "sn-sqli-grammar-weak",
    "SQL injection: weak SQL structure after a break-out",
    [
      "union",
      "tautology",
      "comment",
      "stacked",
      "time",
      "error",
      "catalog",
      "system",
      "subquery",
      "conditional",
      "string-building",
      "order-probe",
      "variable",
      "function",
      "structure",
    ],
    2,
    3,
  ),
];
