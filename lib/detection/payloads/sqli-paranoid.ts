// SQL injection signals for paranoia levels 2-4: weaker, broader patterns an admin turns on when
// false positives are cheaper than misses. Level 1 (sqli.ts) needs a complete injection; these
// read the fragments scanners and chained probes send: a condition that starts with AND/OR and
// goes on with a comparison, a statement after ";", an alias followed by FROM, a FROM/WHERE
// clause, a value that is nothing but a SQL operator, comments used as whitespace, escaped-quote
// break-outs, SQL Server procedures. Each still needs SQL structure, not a single word, so prose
// with "or", "is null" or apostrophes stays quiet.
import { withoutComments } from "./decode.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

/** Every input, the user agent included: applications log it into databases, and these signals do not occur in browsers' agents. */
const WITH_AGENT = [...BODYLESS, "user_agent.original"] as const;

/** Where a value starts: its beginning, or a form field inside a body no parser split ("pay=…"). */
const START = String.raw`(?:^|^[\w.\[\]-]{1,40}=|[?&][\w.\[\]@-]{1,80}=)\s*`;
/** One operand of a comparison: a number, a name, a quoted string, NULL. */
const OPERAND = String.raw`(?:-?\d+(?:\.\d+)?|[a-z_@][\w.@$]{0,40}|'[^']{0,40}'|"[^"]{0,40}"|\x60[^\x60]{0,40}\x60)`;
/** Comparison operators, complete or cut off where the application's own text would go on ("!" of "!="). */
const CMP = String.raw`(?:={1,3}!?|!={1,2}|<=>|<>|<=?|>=?|!<|!>)`;
/** What may follow the comparison: nothing (the application's text goes on), a literal, or one name that ends the value. */
const RHS = String.raw`\s*(?:$|['"\x60(\d@!-]|(?:null|true|false|not)\b|[a-z_][\w.]{0,40}\s*(?:$|[)'"\x60;#]|--))`;
const CONNECTOR = String.raw`(?:and|or|xor|&&|\|\|)`;

/** AND/OR at the start of a value (after an optional closing quote or parenthesis), then a comparison: the value chains onto the application's WHERE. */
const chainedCondition = new RegExp(
  String.raw`(?:${START}(?:[\w.@-]{0,40}['"\x60)]{1,3}\s*)?|['"\x60]\s*)${CONNECTOR}\s*(?:\(\s*)?(?:not\s+)?${OPERAND}\s*${CMP}${RHS}|${START}(?:[\w.@-]{0,40}['"\x60]\s*)?xor\s*(?:\(\s*)?${OPERAND}\s*(?:${CMP}|[-+*/%!]|$)`,
);

/** A value that starts with a statement separator (or a comment) and a new statement. */
const chainedStatement = new RegExp(
  String.raw`${START}(?:;|--)\s*(?:insert\s+into\b|replace\s+into\b|update\s+[\w.\x60"[\]]{1,64}(?:\s+set\b|\s*$)|delete\s+from\b|drop\b(?![-\w])|alter\b(?![-\w])|truncate\b(?![-\w])|create\s+(?:table|user|database|function|procedure|trigger|view)\b|set\s+@@?[a-z_]\w{0,40}|select\b(?![-\w])|exec(?:ute)?\s+\w|declare\s+@|shutdown\b)|${START}>?\s*set\s+@@?[a-z_]\w{0,40}\s*(?:$|:?=\s*(?:['"\d@(-]|null\b|on\b|off\b))|${START}\(\s*select\s*$`,
);

/** The whole value is a SQL comparison or set operator, or a predicate without its left side. */
const operatorOnly =
  /^\s*(?:!=|<>|<=>|<=|>=|==|\|\||&&|>>|<<|->>?|regexp|rlike|xor|(?:is|like)\s+(?:not\s+)?null|not\s+(?:like|regexp|in|between)|(?:not\s+)?in\s*\(\s*(?:-?\d|'|"|select\b)[^()]{0,400}\)|(?:or|xor)\s+-?\d+)\s*$/;

/** A quote glued to AND/OR and another quote (a'or'a, \"or"1), or a backslash-escaped quote (which escapes the application's own escaping) followed by AND/OR. */
const quoteConnector = new RegExp(
  String.raw`[\w\\'"\x60](['"\x60])(?:or|and|xor)\1(?=[\w('"\x60\s-])|\\['"\x60]\s*(?:or|and|xor)\b(?:\s*(?:$|['"\x60(]|\d)|\s+[a-z_]\w{0,40}\s*(?:[=<>!(]|--|#))|['"\x60]\s*${CONNECTOR}\s*(?:\(\s*)?(?:[a-z]\w{0,40}_\w{1,40}|ascii|ord|substr|substring|mid|length|if|char|concat|hex|cast|convert|glob|instr|unicode|lower|upper|starts_with|lo_\w{1,20})\s*\(`,
);

/** An unbalanced quote (an odd number of them), then UNION or a statement keyword: a string context closed to start SQL. */
const QUOTE_KEYWORD =
  /(?:^|[\d\s)=(,])(['"\x60])\s*(?:union|alter|drop|truncate|exec|execute|declare|create|select|insert|delete|update|shutdown|grant)\b\s*(?:[a-z(/*#@\x60-]|$)/;
function quoteKeyword(sql: string): string | null {
  const m = QUOTE_KEYWORD.exec(sql);
  if (!m) return null;
  const quote = m[1]!;
  return sql.split(quote).length % 2 === 0 ? m[0].trim() : null;
}

/** Column aliases and FROM: ") as total from", "` as `x` from", 1 as "n" from; and SELECT of a string or aggregate function. */
const aliasFrom = new RegExp(
  String.raw`[)\x60!;]\s*as\s*(?:[\x60'"]?[a-z_]\w{0,63}[\x60'"]?|[\x60'"])\s*from\b(?=\s*(?:$|[\x60"[(]|[\w.]{1,64}\s*(?:$|[;),#]|--|\b(?:where|limit|join|group|order|union|as)\b)))|\d\s*as\s*(?:[\x60'"][a-z_]?\w{0,63}[\x60'"]?|[\x60'"])\s*from\b|\bselect\s*(?:\(\s*)?(?:char|chr|concat|concat_ws|group_concat|string_agg|listagg|ascii|substring|substr|hex|unhex|cast|convert|count|version|database|user|load_file|md5|sha1|extractvalue|updatexml)\s*\(|\bselect\s*\(\s*case\b|\x60\s*(?:regexp|rlike)\b`,
);

/** A FROM clause: a (quoted or dotted) table and WHERE with a comparison, LIMIT n, ORDER/GROUP BY; or just "order by" as the whole value. */
const TABLE = String.raw`(?:\x60[^\x60]{1,64}\x60|"[^"]{1,64}"|\[[^\]]{1,64}\]|[a-z_][\w$]{0,63})`;
const fromClause = new RegExp(
  String.raw`\bfrom\s+${TABLE}(?:\s*\.\s*${TABLE}){0,2}\s+(?:where\s+(?:not\s+)?\(?\s*[\x60"]?[a-z_][\w.\x60"]{0,64}\s*(?:=|<|>|!=|<>|\blike\b|\bin\s*\(|\bis\s+(?:not\s+)?null\b|\bbetween\s+\S+\s+and\b|\bregexp\b)\s*(?:['"\d(@-]|null\b|[\w.\x60]{1,64}\s*(?:$|\b(?:and|or|limit|order|group)\b|[;)#]|--))|limit\s+\d|order\s+by\s+(?:[\x60"\d]|[\w.]{1,64}\s*(?:,|\b(?:asc|desc|limit)\b|;|--|#))|group\s+by\s+[\x60"\w])|\bfrom\s+(?:\x60[^\x60]{1,64}\x60|${TABLE}\s*\.\s*${TABLE})(?:\s*\.\s*${TABLE})?\s+(?:where|limit|order|group|having|join|union)\b|^\s*(?:order|group)\s+by\s*$|\bwhere\s+(\d+|'[^']{0,20}')\s*=\s*\1(?![\w'])`,
);

/** SQL Server extended and system procedures, OLE DB providers and Oracle packages that only SQL would name. */
const sqlObjects =
  /\b(?:xp_(?:cmdshell|dirtree|fileexist|regread|regwrite|servicecontrol|subdirs|availablemedia|loginconfig|makecab|ntsec_enumdomains|terminate_process)|sp_(?:password|executesql|oacreate|oamethod|makewebtask|addextendedproc|configure|addsrvrolemember|addlogin|start_job|add_job|execute_external_script|helpdb|who)|openrowset|opendatasource|openquery|msdasql|sqloledb|utl_(?:http|inaddr|file|smtp|tcp)|dbms_(?:pipe|lock|xmlgen|java|scheduler))\b|^\s*n?varchar2?\s*(?:\(\s*(?:\d+|max)\s*\))?\s*$/;

/** Both sides of a comparison the same: the value (or its last comma-separated item) is 1=1, 42 like 42, 'a'='a'. */
const SAME_SIDES =
  /(?:^|[,;(]|['"]\s*,)\s*(-?\d+(?:\.\d+)?|'[^']{0,30}'|"[^"]{0,30}"|[a-z_]\w{0,30})\s*(=|==|<=>|\blike\b|\bglob\b|\bregexp\b|\brlike\b)\s*(-?\d+(?:\.\d+)?|'[^']{0,30}'|"[^"]{0,30}"|[a-z_]\w{0,30})\s*(?:$|;|--|#)/;
const SAME_AFTER_BREAKOUT =
  /['"\d)]\s*(?:and|or|xor|&&|\|\|)\s*([a-z_]\w{0,30})\s*(?:\bglob\b|\blike\b|\bregexp\b|\brlike\b|\bmatch\b)\s*\1\b/;
function sameSides(sql: string): string | null {
  const m = SAME_SIDES.exec(sql);
  // Two names equal by "=" are a tautology too (a=a), by LIKE only numbers or strings (prose "like like").
  if (m && m[1] === m[3] && (/^[-\d'"]/.test(m[1]!) || /[=<>]/.test(m[2]!))) return m[0].trim();
  return SAME_AFTER_BREAKOUT.exec(sql)?.[0] ?? null;
}

const SQL_KEYWORD =
  /^(?:select|union|insert|update|delete|drop|from|where|having|order|group|exec|execute|declare|sleep|benchmark|concat|table|truncate|alter|and|or)$/;
/** Comments as whitespace or glue: a keyword cut in two (dr/**\/op), a keyword touching a comment, MySQL versioned comments, AND/OR then a comment ending the statement. */
function commentObfuscation(decoded: string, sql: string): string | null {
  if (decoded.includes("/*")) {
    const versioned =
      /\/\*!(?:\d{5}|\s*(?:select|union|and|or|from|where|insert|update|delete|drop)\b|\d{0,5}\s*\d+\s*[,/=)*])/.exec(
        decoded,
      );
    if (versioned) return versioned[0];
    for (const m of decoded.matchAll(/([a-z]{1,12})\/\*[\s\S]{0,80}?\*\/([a-z]{1,12})/g)) {
      if (SQL_KEYWORD.test(m[1]! + m[2]!)) return m[0];
      if (/^(?:select|union|insert|update|delete|drop|from|where|having|and|or|exec|declare|table)$/.test(m[1]!))
        return m[0];
    }
    const touching =
      /\b(?:select|union|insert|update|delete|drop|from|where|having|or|and|exec)\/\*[\s\S]{0,80}?\*\/\s*[\w@('"*]/.exec(
        decoded,
      );
    if (touching) return touching[0];
    if (/\/\*[\s\S]{0,80}?\*\//.test(decoded)) {
      const joined = withoutComments(decoded);
      const STATEMENT = /\b(?:union(?:\s+all)?\s*select|drop\s*table|insert\s*into|delete\s*from)\b/;
      const statement = STATEMENT.exec(joined);
      // Only what the comments hid: a statement the SQL view (comments as spaces) does not show.
      if (statement && !STATEMENT.test(sql)) return statement[0];
    }
  }
  return (
    /\b(?:drop|truncate)\s+(?:table\s+|database\s+)?[\w.\x60"]{1,64}\s*;\s*(?:--|#|$)/.exec(sql)?.[0] ??
    new RegExp(
      String.raw`(?:^|['"\x60])\s*${CONNECTOR}\s*(?:(?:-?\d+|true|false|null|'[^']{0,20}')\s*)?(?:--(?:[\s-]|$)|#\s*$)`,
    ).exec(sql)?.[0] ??
    null
  );
}

/** Set operators and row constructors: IN (SELECT, EXCEPT SELECT, VALUES ('…', …), SELECT 0x…, ' OR FALSE; and assignments of a string then hex or a parenthesised number. */
const setOperators =
  /\bin\s*\(\s*select\s*(?:[*@(\d]|null\b|[\w.]{1,64}\s*(?:,|\bfrom\b))|\b(?:except|intersect|minus)\s+(?:all\s+|distinct\s+)?(?:select\s*(?:[.(\d*@'"]|null\b|[\w.]{1,64}\s*(?:,|\bfrom\b))|values\s*\()|['"]\s*(?:or|and)\s+(?:true|false)\s*(?:;|--|#)|\bselect\s+0x[0-9a-f]{2,}|(?:^|\))\s*values\s*\(\s*(?:'[^']{0,60}'|"[^"]{0,60}"|-?\d+|0x[0-9a-f]+|null|@\w+)\s*,\s*(?:'|"|-?\d|0x|null\b|@)|[a-z_]\w{0,30}\s*=\s*'[^']{0,60}'\s*,\s*(?:0x[0-9a-f]{1,40}\b|\(\s*\d{1,10}\s*\))/;

/** Scanner probes at a string's edge: a value that opens with an unbalanced quote and goes straight on with an operator. */
const quoteOperator =
  /^\s*['"\x60]{1,2}\s*(?:([*=?#^|&])\s*(?:[*=?#^|&<>-]|\w{1,30}\s*[*=?#^|&<>]|\d+\s*$)|(?:or|and|xor)\s+[a-z_]\w{0,30}\s+\w)/;
function quoteProbe(decoded: string): string | null {
  const m = quoteOperator.exec(decoded);
  if (!m) return null;
  // An operator right after the opening quote is never a quotation; a word after OR could be, unless the quote stays open.
  const quote = m[0].trim()[0]!;
  return m[1] || decoded.split(quote).length % 2 === 0 ? m[0].trim() : null;
}

/** Level 3: a value that opens with a quote and goes straight on with punctuation or an operator, or a number and an operator (`>65, ":60, '16/17); a quoted number ("27" monitor) is not one. */
const quoteEdge =
  /^\s*\\?['"\x60]{1,2}\s*(?:[-*/<>=+%^|&:;,\][}{)\\]\s*(?:\d|[[{(\\$%'"\x60])|[:\])}]\s*[a-z_]|\d[\w.]{0,20}\s*[-*/<>=+%^|&:,;)])/;

const DETECTORS: PayloadDetector[] = [
  {
    id: "sn-sqli-chained-condition",
    title: "SQL injection: condition chained with AND/OR",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) => chainedCondition.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-chained-statement",
    title: "SQL injection: value opens a new statement",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) => chainedStatement.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-operator-value",
    title: "SQL operator as a whole value",
    category: "sqli",
    points: 2,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) => operatorOnly.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-quote-connector",
    title: "SQL injection: quote glued to AND/OR, or escaped-quote break-out",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (_i, sql) => quoteConnector.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-quote-keyword",
    title: "SQL injection: unbalanced quote then UNION or a statement keyword",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (_i, sql) => (/['"\x60]/.test(sql) ? quoteKeyword(sql) : null),
  },
  {
    id: "sn-sqli-alias-from",
    title: "SQL injection: column alias and FROM, or SELECT of a function",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (_i, sql) => aliasFrom.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-from-clause",
    title: "SQL injection: FROM or WHERE clause",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) =>
      /\b(?:from|order|group|where)\b/.test(sql) ? (fromClause.exec(sql)?.[0].trim() ?? null) : null,
  },
  {
    id: "sn-sqli-server-objects",
    title: "SQL Server, Oracle or OLE DB object names",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (_i, sql) => sqlObjects.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-same-sides",
    title: "SQL injection: comparison of a value with itself",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) => sameSides(sql),
  },
  {
    id: "sn-sqli-comment-obfuscation",
    title: "SQL injection: comments used as whitespace or terminator",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (input, sql) => commentObfuscation(input.decoded, sql),
  },
  {
    id: "sn-sqli-set-operators",
    title: "SQL injection: IN/EXCEPT subquery, VALUES list or hex select",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: WITH_AGENT,
    match: (_i, sql) => setOperators.exec(sql)?.[0].trim() ?? null,
  },
  {
    id: "sn-sqli-quote-probe",
    title: "SQL injection probe: unbalanced quote then an operator",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (input) => (/^\s*['"\x60]/.test(input.decoded) ? quoteProbe(input.decoded) : null),
  },
  {
    id: "sn-sqli-quote-edge",
    title: "SQL injection probe: quote followed by punctuation or a number",
    category: "sqli",
    points: 2,
    technique: WEB,
    paranoia: 3,
    match: (input) => quoteEdge.exec(input.decoded)?.[0].trim() ?? null,
  },
];

/** Typographic quotes some drivers and collations fold onto ASCII ones: each detector also reads a view where they are. */
const CURLY = /[\u2018\u2019\u201b\u2032]/g;
export const SQLI_PARANOID: PayloadDetector[] = DETECTORS.map((detector) => ({
  ...detector,
  match: (input, sql) => {
    const found = detector.match(input, sql);
    if (found !== null || !/[\u2018\u2019\u201b\u2032]/.test(sql)) return found;
    return detector.match({ ...input, decoded: input.decoded.replace(CURLY, "'") }, sql.replace(CURLY, "'"));
  },
}));
