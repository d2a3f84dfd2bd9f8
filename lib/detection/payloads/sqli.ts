// SQL injection signals the grammar analysis (lib/detection/grammar/sql) does not read yet:
// PostgreSQL casts and JSON operators on JSON literals, MySQL's scientific-notation separator,
// overflow numbers, dynamic SQL and stored routines, and the generic quote break-out. Tautologies,
// UNION, comments, stacked statements, time/error functions, catalogs, subqueries and ORDER BY
// probes moved to the grammar analysis, with their ids. NoSQL
// (MongoDB) query operators smuggled into parameter names or JSON keys count here too, as they
// do in the OWASP CRS.
import { WEB, type PayloadDetector } from "./types.ts";

/** Functions injected SQL calls to read data a character at a time, build strings or branch. */
const SQL_FN = String.raw`(?:ascii|ord|substr|substring|mid|left|right|length|char_length|len|if|iif|elt|make_set|char|chr|concat|concat_ws|group_concat|hex|unhex|cast|convert|count|user|database|version|schema|sleep|benchmark|extractvalue|updatexml)`;

/** A quote that the value leaves open (odd count), followed by what only a SQL statement does next. */
const BREAKOUT_TAIL = new RegExp(
  String.raw`^\s*\){0,3}\s*(?:;\s*(?:select\b|insert\s+into\b|replace\s+into\b|update\s+[\w.\x60"[\]]{1,64}\s+set\b|delete\s+from\b|drop\s+(?:table|database|user|view|procedure|function)\b|exec(?:ute)?\b|declare\s+@|create\s+(?:table|user|database|function|procedure|trigger|view)\b|alter\s+(?:table|user|database)\b|truncate\b|shutdown\b|waitfor\s+(?:delay|time)\b|grant\b|revoke\b|set\s+@)|;\s*(?:$|["\x60](?:\s*[/>,}\]]|$))|select\s*(?:[\w@*.]{1,40}\s*(?:,|\bfrom\b|$|--|#|;)|@@|\(|\*))`,
);

/** Near the end of the value: an operator or SQL keyword right after the open quote, an expression, and a comment that swallows the application's closing quote. */
const BREAKOUT_TO_COMMENT =
  /^\s*(?:\)\s*)?(?:(?:or|and|xor|not|is|like|ilike|glob|regexp|rlike|sounds\s+like|similar\s+to|collate\s+(?:nocase|binary|rtrim|utf8\w*|latin1\w*|"?c"?|"?posix"?|sql_\w+)|notnull|isnull|between|div|mod|in|having|limit|order\s+by|group\s+by|union|procedure|into)\b|[|&^+\-*/%<>=!])[^'"]{0,80}?(?:--[\s+-]{0,3}|#[^'"\s]{0,10})$/;

function quoteBreakout(sql: string): string | null {
  for (const quote of ["'", '"', "`"]) {
    if (!sql.includes(quote)) continue;
    // Quotes escaped with a backslash (code, JSON in prose) do not open or close anything.
    const open = sql.split(quote).length - sql.split(`\\${quote}`).length;
    if (open % 2 === 0) continue;
    for (let at = sql.indexOf(quote), n = 0; at >= 0 && n < 16; at = sql.indexOf(quote, at + 1), n++) {
      // A backslash escapes the quote; a digit before a double quote makes it inches (a 27" screen).
      if (
        sql[at - 1] === "\\" ||
        (quote === '"' && at > 0 && sql.charCodeAt(at - 1) >= 48 && sql.charCodeAt(at - 1) <= 57)
      )
        continue;
      const tail =
        BREAKOUT_TAIL.exec(sql.slice(at + 1, at + 80)) ??
        (sql.length - at <= 120 ? BREAKOUT_TO_COMMENT.exec(sql.slice(at + 1)) : null);
      if (tail) return sql.slice(Math.max(0, at - 20), at + 1 + tail[0].length).trim();
    }
  }
  return null;
}

const PG_TYPES = String.raw`(?:int|int2|int4|int8|integer|bigint|smallint|numeric|decimal|real|float|float4|float8|double\s+precision|text|varchar|char|bpchar|name|bool|boolean|json|jsonb|xml|bytea|oid|regclass|regproc|regtype|inet|date|timestamp|timestamptz|interval|uuid)`;
/** A PostgreSQL cast: after a literal or a call always; after a bare word only where SQL would go on. */
const pgCast = new RegExp(
  String.raw`(?:['")\]])\s*::\s*${PG_TYPES}(?![\w(])|(?:\b[a-z_]\w{0,30}|\b\d+)::${PG_TYPES}(?![\w(])(?=\s*(?:$|--|#|=(?!>)|<>|!=|\|\||\b(?:and|or|from|where|limit|union)\b))`,
);

const JSON_LITERAL = String.raw`'\s*[{\[][^']{1,300}[}\]]\s*'`;
const JSON_OPERATOR = String.raw`(?:::\s*jsonb?\b|<@|@>|->>?|#>>?|#-|\?[|&]\s*(?:'|array\b)|\?\s*'[^']{0,40}'(?!\s*:)|@[?@]|\|\|\s*'|(?:=|<|>|<>|!=)\s*')`;
const JSON_FN = String.raw`json(?:b)?_(?:extract|extract_path|extract_path_text|value|query|contains|contains_path|keys|search|unquote|array_length|object_keys|each|each_text|typeof|type|length|depth|valid|overlaps|set|insert|replace|remove|array_elements|array_elements_text|path_query|path_exists|to_record|populate_record|build_object|agg|object_agg|strip_nulls)`;
const jsonSql = new RegExp(
  String.raw`${JSON_LITERAL}\s*${JSON_OPERATOR}|(?:^|\b(?:or|and|xor|where|select|having|when|not)\b|[=(,'"<>!]|\|\||&&)\s*${JSON_FN}\s*\(`,
);

const MONGO_OPERATOR =
  "(?:ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|not|nor|or|and|elemmatch|text|expr|all|size|mod|jsonschema|function|accumulator)";
const mongoBracket = new RegExp(String.raw`\[\s*\$${MONGO_OPERATOR}\s*\]`);
const mongoKey = new RegExp(String.raw`^\$${MONGO_OPERATOR}$`);

/** MySQL reads "1.e" as a number and lets it touch the next token: 1.e(ascii(...)), 1.e.tables. */
const scientific = new RegExp(
  String.raw`(?<![\w.])\d+\.e\s*\(\s*(?:${SQL_FN}\b|select\b|\()|(?<![\w.])\d+\.e\.(?![ivx]+\b)[a-z_]{2,}`,
);

const OVERFLOW = String.raw`(?:4294967296|4294967295|18446744073709551615|18446744073709551616|2147483648|9223372036854775808|2\.2250738585072011e-308|2\.2250738585072012e-308)`;
const overflow = new RegExp(String.raw`^\s*${OVERFLOW}\s*$|"\s*${OVERFLOW}\s*"|'\s*${OVERFLOW}\s*'`);

const DETECTORS: PayloadDetector[] = [
  {
    id: "sn-sqli-quote-breakout",
    title: "SQL injection: unbalanced quote followed by a new statement",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) => quoteBreakout(sql),
  },
  {
    id: "sn-sqli-routine",
    title: "SQL injection: dynamic SQL or stored routine",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) =>
      /\bexecute\s+immediate\s*(?:['"(:|]|$)|\bexec(?:ute)?\s*\(\s*@|\bdeclare\s+@\w{1,30}\s*(?:$|;|\s+(?:as\s+)?(?:n?varchar|n?char|int|bigint|sysname|table|cursor|varbinary|binary|nvarchar)\b)|\bprocedure\s+analyse\s*\(|\bcreate\s+(?:or\s+replace\s+)?(?:function|procedure)\s+[\w.`"]{1,64}\s*\((?:[^()]|\([^()]{0,20}\)){0,100}\)\s*(?:returns?|begin|as|is|language|deterministic)\b/.exec(
        sql,
      )?.[0] ?? null,
  },
  {
    id: "sn-sqli-pg-cast",
    title: "SQL injection: PostgreSQL type cast",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) => (sql.includes("::") ? (pgCast.exec(sql)?.[0] ?? null) : null),
  },
  {
    id: "sn-sqli-json",
    title: "SQL injection: JSON operators or functions on a JSON literal",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) => (/'\s*[{[]|json/.test(sql) ? (jsonSql.exec(sql)?.[0] ?? null) : null),
  },
  {
    id: "sn-sqli-nosql-operator",
    title: "NoSQL injection: MongoDB query operator in a parameter",
    category: "sqli",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (input) => {
      if (!input.decoded.includes("$")) return null;
      if (input.part.endsWith("#name") && input.field === "http.request.body.content" && mongoKey.test(input.decoded))
        return input.decoded;
      return mongoBracket.exec(input.decoded)?.[0] ?? null;
    },
  },
  {
    id: "sn-sqli-conditional",
    title: "SQL injection: conditional expression",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) =>
      /\bcase\s+when\b.{1,80}\bthen\b|\b(?:if|iif)\(\s*['"\d@][\w'"@().]*\s*(?:=|<|>|!=|<>)|\)\s*(?:like|rlike|regexp)\s*\(|(?:^|['")\d`\]]|\bselect\b[^;]{0,200}?)\s*having\s+(?:count\s*\(|[\w`"]+\s*(?:=|<|>))|\bselect\s+(?:if|iif|case)\s*\(/.exec(
        sql,
      )?.[0] ?? null,
  },
  {
    id: "sn-sqli-scientific-notation",
    title: "SQL injection: MySQL scientific-notation separator",
    category: "sqli",
    points: 4,
    technique: WEB,
    paranoia: 1,
    match: (_i, sql) => scientific.exec(sql)?.[0] ?? null,
  },
  {
    id: "sn-sqli-overflow-number",
    title: "Integer or floating-point overflow probe",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 1,
    // The whole value, or the whole of a quoted value inside it (an XML attribute, a JSON string); as part of a
    // larger expression (LDAP filters carry 2147483648 as a flag) these numbers are ordinary.
    match: (i) => overflow.exec(i.decoded)?.[0].replace(/["'\s]/g, "") ?? null,
  },
  {
    id: "sn-sqli-keywords",
    title: "SQL statement in a parameter",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) =>
      /\bselect\b[\s(]+[\w*@,.()'" ]{1,80}\bfrom\s+[\w.[\]`"]+|\binsert\s+into\s+\w+\s*(?:\(|values)|\bdelete\s+from\s+\w+\s+where\b|\bdrop\s+table\s+\w/.exec(
        sql,
      )?.[0] ?? null,
  },
  {
    id: "sn-sqli-char-obfuscation",
    title: "SQL obfuscation: hex or CHAR() strings",
    category: "sqli",
    points: 3,
    technique: WEB,
    paranoia: 2,
    match: (_i, sql) =>
      /\b0x[0-9a-f]{10,}\b|\bchar\s*\(\s*\d+\s*(?:,\s*\d+\s*){2,}\)|\bconcat(?:_ws)?\s*\(.{0,40}(?:0x|char\()/.exec(
        sql,
      )?.[0] ?? null,
  },
];

/** Typographic quotes (U+2018/U+2019/U+201B/U+2032) become ASCII quotes in some database drivers and collations, so each detector also reads a view where they are. */
const CURLY = /[\u2018\u2019\u201b\u2032\uff07]/g;
const HAS_CURLY = /[\u2018\u2019\u201b\u2032\uff07]/;
let lastCurly: { sql: string; decoded: string; asciiSql: string; asciiDecoded: string } | null = null;
function asciiQuotes(decoded: string, sql: string) {
  if (lastCurly?.sql !== sql || lastCurly.decoded !== decoded)
    lastCurly = { sql, decoded, asciiSql: sql.replace(CURLY, "'"), asciiDecoded: decoded.replace(CURLY, "'") };
  return lastCurly;
}
export const SQLI: PayloadDetector[] = DETECTORS.map((detector) => ({
  ...detector,
  match: (input, sql) => {
    const found = detector.match(input, sql);
    if (found !== null || !HAS_CURLY.test(sql)) return found;
    const view = asciiQuotes(input.decoded, sql);
    return detector.match({ ...input, decoded: view.asciiDecoded }, view.asciiSql);
  },
}));
