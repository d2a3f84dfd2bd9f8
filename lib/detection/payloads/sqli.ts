// SQL injection: breaking out of a quoted or numeric context and then speaking SQL. Each pattern
// needs SQL structure (a quote or number followed by an operator and an expression, UNION
// SELECT, a stacked statement, a database function), so prose with apostrophes and words like
// "select", "union" or "or" does not fire.
import type { PayloadDetector } from "./types.ts";

const T = "T1190";
const LIT = String.raw`(?:'[^']{0,40}(?:'|$)|"[^"]{0,40}(?:"|$)|-?\d+(?:\.\d+)?|[a-z_]\w{0,30}|true|false|null)`;
const OP = String.raw`(?:=|<=>|<>|!=|>=|<=|<|>|\blike\b|\bis\b|\brlike\b|\bregexp\b|\bin\b)`;
const tautology = new RegExp(String.raw`(?:^|['"\)\d\s])\s*(?:or|and|xor|\|\||&&)\s*\(?\s*(${LIT})\s*${OP}\s*\(?\s*(${LIT})`, "i");
const bareTruth = /(?:^|['")]|\d)\s*(?:or|\|\|)\s+(?:true|not\s+false|\d+)\s*(?:--|#|\/\*|;|$)/i;

export const SQLI: PayloadDetector[] = [
  {
    id: "sn-sqli-union",
    title: "SQL injection: UNION SELECT",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (_i, sql) => /\bunion\b(?:\s+(?:all|distinct))?\s*\(?\s*select\b/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-tautology",
    title: "SQL injection: always-true condition after a quote or number",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (_i, sql) => {
      const m = tautology.exec(sql);
      if (m) {
        const [whole, left, right] = m;
        const strip = (s: string) => s.replace(/^['"]|['"]$/g, "");
        const before = sql.slice(0, m.index + 1);
        const quoted = /['"]/.test(before) || /['"]/.test(whole.slice(0, 2));
        const numeric = /^-?\d/.test(left!) && /^-?\d/.test(right!);
        if (strip(left!) === strip(right!) || (quoted && (numeric || /['"]/.test(left!))) || (numeric && /^\s*-?\d+\s/.test(sql))) return whole.trim();
      }
      return bareTruth.exec(sql)?.[0]?.trim() ?? null;
    },
  },
  {
    id: "sn-sqli-comment-break",
    title: "SQL injection: quote closed and the rest commented out",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (input, sql) => (/['"`]\)?(?:--[\s-]|--$|#|\/\*|;\s*--)/.exec(sql) ?? /['"`]\s*\)\s*(?:or|and|union|select)\b/.exec(sql) ?? (/^[^'"]*['"]\s*(?:--|#)/.exec(input.decoded) ? [input.decoded] : null))?.[0] ?? null,
  },
  {
    id: "sn-sqli-stacked",
    title: "SQL injection: stacked statement",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (_i, sql) =>
      /;\s*(?:drop\s+(?:table|database|user)|truncate\s+table|shutdown\b|declare\s+@|exec(?:ute)?\s+(?:master|xp_|sp_|\()|insert\s+into\s+\w|delete\s+from\s+\w|update\s+\w+\s+set\b|select\s+[\w*@(].{0,120}?\bfrom\b|select\s+(?:pg_sleep|sleep|benchmark|version|user|current_user)\b|create\s+(?:table|user|function)|alter\s+(?:table|user)|grant\s+\w)/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-time-blind",
    title: "SQL injection: time-based blind probe",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (_i, sql) => /\b(?:sleep|pg_sleep|benchmark|dbms_lock\.sleep)\s*\(\s*[-\w('"]|\bwaitfor\s+(?:delay|time)\s+['"]|\bdbms_pipe\.receive_message\s*\(/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-functions",
    title: "SQL injection: database functions or catalog",
    category: "sqli",
    points: 5,
    technique: T,
    paranoia: 1,
    match: (_i, sql) =>
      /\b(?:information_schema|pg_catalog|sysobjects|syscolumns|sqlite_master|mysql\.(?:user|db)|all_tab_columns|msysobjects|msysaccessobjects|tempdb|msdb|northwind|schema_name)\b|\b(?:database|db_name|schema|current_user|session_user|system_user|user_name|@@\w+|version)\s*\(|\bexec(?:ute)?\s+(?:master\.\.?|xp_|sp_)\w+|@@(?:version|datadir|hostname|servername)\b|\b(?:extractvalue|updatexml|load_file|utl_inaddr\.get_host_name|utl_http\.request|ctxsys\.drithsx\.sn|xp_cmdshell|sp_executesql|pg_read_file|lo_import|dblink_connect)\s*\(|\binto\s+(?:out|dump)file\b|\bexp\s*\(\s*~|\bfloor\s*\(\s*rand\s*\(/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-subquery",
    title: "SQL injection: subquery or conditional after a break-out",
    category: "sqli",
    points: 4,
    technique: T,
    paranoia: 1,
    match: (_i, sql) =>
      /(?:^|['")\d])\s*(?:and|or|having|where|&&|\|\|)\s*\(?\s*(?:select\b|exists\s*\(|not\s+exists|(?:ascii|ord|substr|substring|mid|length|char_length|if|case\s+when|iif|elt|make_set|char|chr|concat|hex|unhex|cast|convert)\s*\()/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-order-probe",
    title: "SQL injection: column count probe",
    category: "sqli",
    points: 4,
    technique: T,
    paranoia: 1,
    match: (_i, sql) => /(?:^|['")\d])\s*(?:order|group)\s+by\s+\d+\s*(?:--|#|\/\*|;|,|$)/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-conditional",
    title: "SQL injection: conditional expression",
    category: "sqli",
    points: 4,
    technique: T,
    paranoia: 1,
    match: (_i, sql) => /\bcase\s+when\b.{1,80}\bthen\b|\b(?:if|iif)\(\s*['"\d@][\w'"@().]*\s*(?:=|<|>|!=|<>)|\)\s*(?:like|rlike|regexp)\s*\(|\bhaving\s+(?:count\s*\(|[\w`"]+\s*(?:=|<|>))|\bselect\s+(?:if|iif|case)\s*\(/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-overflow-number",
    title: "Integer or floating-point overflow probe",
    category: "sqli",
    points: 3,
    technique: T,
    paranoia: 1,
    match: (i) => /^\s*(?:4294967296|4294967295|18446744073709551615|18446744073709551616|2147483648|9223372036854775808|2\.2250738585072011e-308|2\.2250738585072012e-308)\s*$/.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-sqli-keywords",
    title: "SQL statement in a parameter",
    category: "sqli",
    points: 3,
    technique: T,
    paranoia: 2,
    match: (_i, sql) => /\bselect\b[\s(]+[\w*@,.()'" ]{1,80}\bfrom\s+[\w.[\]`"]+|\binsert\s+into\s+\w+\s*(?:\(|values)|\bdelete\s+from\s+\w+\s+where\b|\bdrop\s+table\s+\w/.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-char-obfuscation",
    title: "SQL obfuscation: hex or CHAR() strings",
    category: "sqli",
    points: 3,
    technique: T,
    paranoia: 2,
    match: (_i, sql) => /\b0x[0-9a-f]{10,}\b|\bchar\s*\(\s*\d+\s*(?:,\s*\d+\s*){2,}\)|\bconcat(?:_ws)?\s*\(.{0,40}(?:0x|char\()/.exec(sql)?.[0] ?? null,
  },
];
