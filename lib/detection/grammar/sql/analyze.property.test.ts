// Property tests per technique (TECHNIQUES.md): generated variants of each injection must be
// found with the technique's name, and hard benign text (prose with quotes, SQL-ish English, code,
// non-Latin text) must not fire at paranoia level 1. The analysis must never throw and stay
// bounded on arbitrary strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeSql, type Technique } from "./analyze.ts";

const pl1 = (value: string) => analyzeSql(value.toLowerCase()).filter((f) => f.paranoia === 1);
const techniques = (value: string) => new Set(pl1(value).map((f) => f.technique));

/** Whitespace as SQL reads it: spaces, tabs, newlines, inline comments. */
const gap = fc.constantFrom(" ", "  ", "\t", "\n", "/**/", "/*x*/", " /* a */ ");
const quote = fc.constantFrom("'", '"');
const num = fc.integer({ min: 1, max: 99999 }).map(String);
const prefix = fc.constantFrom("", "1", "admin", "x", "42", "abc");
const truncate = fc.constantFrom("--", "-- -", "#", "/*", ";--", "--+");
const connector = fc.constantFrom("or", "OR", "Or", "||", "and", "AND", "&&");
const word = fc.stringMatching(/^[a-z]{1,8}$/);

function check(arbitrary: fc.Arbitrary<string>, technique: Technique | Technique[]) {
  const wanted = Array.isArray(technique) ? technique : [technique];
  fc.assert(
    fc.property(arbitrary, (value) => {
      const found = techniques(value);
      expect(
        wanted.some((t) => found.has(t)),
        `${JSON.stringify(value)} → ${[...found].join(",")}`,
      ).toBe(true);
    }),
    { numRuns: 300 },
  );
}

describe("SQL injection techniques (generated variants)", () => {
  it('tautology after a quote: x\' OR 1=1--, x" or "a"="a', () => {
    check(
      fc
        .tuple(prefix, quote, gap, connector, gap, num, truncate)
        .map(([p, q, g, c, g2, n, t]) => `${p}${q}${g}${c}${g2}${n}=${n}${t}`),
      "tautology",
    );
    check(
      fc
        .tuple(prefix, quote, gap, connector, gap, word)
        .map(([p, q, g, c, g2, w]) => `${p}${q}${g}${c}${g2}${q}${w}${q}=${q}${w}`),
      "tautology",
    );
  });

  it("tautology in a numeric context and in parentheses: 1 or 2>1, 1) or (1=1", () => {
    check(
      fc.tuple(num, gap, connector, gap, num).map(([a, g, c, g2, b]) => `${a}${g}${c}${g2}${b}=${b}`),
      "tautology",
    );
    check(
      fc
        .tuple(num, quote, fc.constantFrom(")", "))"), gap, num)
        .map(([a, q, p, g, b]) => `${a}${q}${p}${g}or${g}(${q}${b}${q}=${q}${b}`),
      "tautology",
    );
  });

  it("UNION [ALL] SELECT after any context", () => {
    check(
      fc
        .tuple(
          prefix,
          fc.constantFrom("'", '"', "", ")", "')"),
          gap,
          fc.constantFrom("union", "UNION", "UnIoN"),
          fc.constantFrom("", " all", " distinct"),
          gap,
          fc.array(fc.constantFrom("null", "1", "@@version", "user()", "'a'", "table_name"), {
            minLength: 1,
            maxLength: 6,
          }),
          fc.constantFrom("--", "#", " from users--"),
        )
        .map(([p, q, g, u, a, g2, cols, t]) => `${q ? p : "1"}${q}${g}${u}${a}${g2}select${g2}${cols.join(",")}${t}`),
      "union",
    );
  });

  it("comment truncation right after the break-out: admin'--, x')#", () => {
    check(
      fc.tuple(prefix, fc.constantFrom("'", "')", "'))"), truncate).map(([p, q, t]) => `${p}${q}${t}`),
      "comment",
    );
  });

  it("stacked statements after ;", () => {
    const statement = fc.constantFrom(
      "drop table users",
      "insert into log values (1)",
      "delete from sessions",
      "update users set role='admin'",
      "exec master..xp_cmdshell 'dir'",
      "declare @x int",
      "shutdown",
      "waitfor delay '0:0:5'",
      "truncate table audit",
    );
    check(
      fc
        .tuple(fc.constantFrom("1", "x'", 'x"', "1)"), gap, statement, fc.constantFrom("", "--", "#", ";"))
        .map(([p, g, s, t]) => `${p};${g}${s}${t}`),
      ["stacked", "system", "time"],
    );
  });

  it("time delays in call position, with SQL arguments", () => {
    const call = fc.oneof(
      num.map((n) => `sleep(${n})`),
      num.map((n) => `pg_sleep(${n})`),
      num.map((n) => `benchmark(${n}000,md5(1))`),
      num.map((n) => `dbms_pipe.receive_message('a',${n})`),
      fc.integer({ min: 0, max: 59 }).map((s) => `waitfor delay '0:0:${s}'`),
    );
    check(
      fc
        .tuple(
          fc.constantFrom("1 and ", "x' and ", "x' or ", "1' || ", "'; ", ""),
          call,
          fc.constantFrom("", "--", "#"),
        )
        .map(([p, c, t]) => `${p}${c}${t}`),
      "time",
    );
  });

  it("error-raising functions and casts of a subquery", () => {
    check(
      fc
        .tuple(
          quote,
          fc.constantFrom("extractvalue(1,concat(0x7e,version()))", "updatexml(null,concat(0x3a,user()),null)"),
          truncate,
        )
        .map(([q, f, t]) => `x${q} and ${f}${t}`),
      "error",
    );
    check(
      fc
        .tuple(quote, fc.constantFrom("convert(int,(select @@version))", "cast((select user) as int)"))
        .map(([q, f]) => `x${q} and 1=${f}--`),
      ["subquery", "error", "catalog"],
    );
  });

  it("system catalogs as tables or qualified names", () => {
    check(
      fc
        .tuple(
          fc.constantFrom(
            "information_schema.tables",
            "pg_catalog.pg_tables",
            "sqlite_master",
            "sysobjects",
            "mysql.user",
            "all_tab_columns",
          ),
          gap,
        )
        .map(([t, g]) => `1 and exists(select 1 from${g}${t})`),
      ["catalog", "subquery"],
    );
  });

  it("system catalogs behind quoted identifiers: `information_schema`.tables, [master]..[sysdatabases]", () => {
    check(
      fc
        .tuple(
          fc.constantFrom(["`", "`"], ["[", "]"]),
          fc.constantFrom(
            ["information_schema", "tables", "."],
            ["pg_catalog", "pg_user", "."],
            ["master", "sysdatabases", ".."],
            ["master", "sysdatabases", ".dbo."],
            ["mysql", "user", "."],
          ),
        )
        .map(([[o, c], [a, b, dot]]) => `${o}${a}${c}${dot}${o}${b}${c}`),
      "catalog",
    );
  });

  it("subqueries, CASE and IF probes", () => {
    check(
      fc.tuple(quote, num).map(([q, n]) => `x${q} and (select ${n} from dual)=${n}--`),
      "subquery",
    );
    check(
      fc.tuple(num, gap).map(([n, g]) => `1${g}and${g}case when ${n}=${n} then 1 else 0 end`),
      "conditional",
    );
    check(
      fc.tuple(quote, num).map(([q, n]) => `x${q} and if(${n}>1,sleep(1),0)--`),
      ["time", "conditional"],
    );
  });

  it("string building with CHAR/CHR/CONCAT and ||", () => {
    check(
      fc
        .array(fc.integer({ min: 48, max: 122 }), { minLength: 1, maxLength: 5 })
        .map((codes) => `'||${codes.map((c) => `chr(${c})`).join("||")}||'`),
      "string-building",
    );
  });

  it("ORDER BY / GROUP BY column probes", () => {
    check(
      fc
        .tuple(fc.constantFrom("1", "x'", 'x"', "1)"), gap, fc.constantFrom("order", "group"), num, truncate)
        .map(([p, g, o, n, t]) => `${p}${g}${o}${g}by${g}${n}${t}`),
      "order-probe",
    );
  });

  it("files and the operating system: INTO OUTFILE, LOAD_FILE, xp_cmdshell", () => {
    check(
      fc.constantFrom(
        "1 union select 1 into outfile '/tmp/x'",
        "x' and load_file('/etc/passwd')--",
        "1; exec xp_cmdshell 'whoami'",
      ),
      ["system", "union", "stacked"],
    );
  });

  it("database names: catalogs of every dialect as bare names, report-the-database calls, EXEC master.", () => {
    check(
      fc
        .tuple(
          fc.constantFrom(
            "msysaccessstorage",
            "msysqueries",
            "msysrelationships",
            "sqlite_temp_master",
            "pg_toast",
            "pg_authid",
            "dba_role_privs",
            "sys.server_principals",
            "performance_schema",
            "mysql.db",
          ),
          fc.constantFrom("", "1 and exists(select 1 from ", "x' union select 1 from "),
        )
        .map(([t, p]) => (p ? `${p}${t}${p.includes("(") ? ")" : "--"}` : t)),
      ["catalog", "subquery", "union"],
    );
    check(
      fc
        .tuple(
          fc.constantFrom("db_name", "user_name", "current_user", "schema_name", "suser_sname"),
          fc.constantFrom("0", "1", "@x", "'dbo'"),
          gap,
        )
        .map(([f, a, g]) => `1${g}and${g}${f}(${a})>${g}0`),
      ["catalog", "tautology"],
    );
    check(
      fc
        .tuple(fc.constantFrom("database", "schema", "db_name", "current_user", "connection_id"), gap)
        .map(([f, g]) => `${f}${g}(`),
      "catalog",
    );
    check(
      fc
        .tuple(fc.constantFrom("exec", "execute", "EXEC"), gap, fc.constantFrom(".dbo.sp_who", "..xp_dirtree"))
        .map(([e, g, r]) => `${e}${g}master${r}`),
      ["system", "catalog"],
    );
  });

  it("a statement that changes data right after the break-out, without a semicolon", () => {
    const statement = fc.constantFrom(
      "drop table users",
      "drop table dbo.users",
      "truncate table audit",
      "delete from sessions",
      "delete from users where 1",
      "alter table users add x int",
      "create table t (a text)",
      "update users set role='admin",
    );
    check(
      fc
        .tuple(fc.constantFrom("1'", "x'", "')", 'x"', "1'))"), gap, statement, fc.constantFrom("", " "))
        .map(([p, g, st, t]) => `${p}${g}${st}${t}`),
      "stacked",
    );
  });

  it("SQLite PRAGMA and ATTACH as stacked statements", () => {
    check(
      fc
        .tuple(
          fc.constantFrom("1", "x'", "1)"),
          gap,
          fc.constantFrom(
            "pragma table_info(users)",
            "pragma main.user_version",
            "pragma key='x'",
            "attach database '/tmp/x.db' as x",
            "attach '/var/www/a.php' as a",
          ),
          fc.constantFrom("", "--", ";"),
        )
        .map(([p, g, st, t]) => `${p};${g}${st}${t}`),
      "stacked",
    );
  });

  it("DDL of every object kind after ;, ALTER … CHARACTER SET, a GOTO loop", () => {
    check(
      fc
        .tuple(
          fc.constantFrom("1", "x'", "1)"),
          gap,
          fc.constantFrom("create", "drop", "alter"),
          fc.constantFrom("", " temporary", " or replace", " unique"),
          fc.constantFrom("role", "sequence", "synonym", "extension", "event", "tablespace", "type", "package"),
          fc.stringMatching(/^[a-z]{1,8}$/),
        )
        .map(([p, g, v, m, k, n]) => `${p};${g}${v}${v === "create" ? m : ""} ${k} ${n}--`),
      "stacked",
    );
    check(
      fc
        .tuple(
          fc.constantFrom("alter database d", "alter table t convert to", "alter schema s default"),
          fc.constantFrom(" character set ", " charset "),
          fc.constantFrom("utf8", "latin1", "gbk", "big5"),
        )
        .map(([a, c, n]) => `${a}${c}${n}`),
      "stacked",
    );
    check(
      fc
        .tuple(fc.constantFrom("x'", "1", "')"), fc.stringMatching(/^[a-z]{1,6}$/), gap)
        .map(([p, l, g]) => `${p};${g}${l}:${g}goto ${l}--`),
      "stacked",
    );
  });

  it("MySQL implicit conversion: a lone operator between the quotes ('-', x'&', \"*\")", () => {
    check(
      fc
        .tuple(fc.constantFrom("", "x", "1", "admin"), quote, fc.constantFrom("-", "+", "*", "&", "|", "^"), gap)
        .map(([p, q, o, g]) => `${p}${q}${g.includes("*") ? " " : g}${o}${g.includes("*") ? " " : g}${q}`),
      "tautology",
    );
  });

  it("built-ins only SQL has, called with SQL arguments", () => {
    check(
      fc
        .tuple(
          fc.constantFrom("group_concat", "substring_index", "string_agg", "row_to_json", "sys_context", "listagg"),
          fc.constantFrom("name", "table_name", "'a',1", "user()", "*", "0x7e,version()"),
          fc.constantFrom("", "1 and ", "x' and 1=", "-1 union select "),
          gap,
        )
        .map(([f, a, p, g]) => `${p}${f}${g}(${a})`),
      ["function", "union", "catalog", "tautology"],
    );
  });

  it("stored code: cursors, PL/SQL declarations, PostgreSQL DO blocks, COPY (SELECT …) TO PROGRAM, BACKUP TO DISK", () => {
    const name = fc.stringMatching(/^[a-z]{1,8}$/);
    check(
      fc
        .tuple(fc.constantFrom("1", "x'", "1)"), name, gap)
        .map(([p, n, g]) => `${p};${g}declare ${n} cursor for select name from users;${g}open ${n}--`),
      "stacked",
    );
    check(
      fc
        .tuple(fc.constantFrom("1", "x'"), name, fc.constantFrom("varchar2(10)", "number", "pls_integer"))
        .map(([p, n, t]) => `${p}; declare ${n} ${t}; begin null; end;--`),
      "stacked",
    );
    check(
      fc
        .tuple(fc.constantFrom("1", "x'"), fc.constantFrom("$$", "$f$"), gap)
        .map(([p, d, g]) => `${p};${g}do ${d}begin perform 1; end${d}--`),
      "stacked",
    );
    check(
      fc
        .tuple(fc.constantFrom("1", "x'"), fc.constantFrom("program 'id'", "'/tmp/x'", "program 'curl x'"))
        .map(([p, t]) => `${p};copy (select '') to ${t}--`),
      "stacked",
    );
    check(
      fc
        .tuple(name, fc.constantFrom("disk", "url"), gap)
        .map(([n, d, g]) => `backup database ${n}${g}to ${d}='\\\\host\\share\\x.bak'`),
      "system",
    );
  });

  it("the value opens a WHERE (or an alias and a WHERE), splices a call by concatenation, inserts rows", () => {
    check(
      fc
        .tuple(fc.constantFrom(" where", " as x where", "' where", "1 where"), num, truncate)
        .map(([w, n, t]) => `${w} ${n}=${n} and 1=0${t}`),
      "tautology",
    );
    check(
      fc
        .tuple(
          quote,
          fc.constantFrom("||", "+"),
          fc.constantFrom("pkg.adduser('a','b')", "f(1)", "utl.x(user)"),
          fc.constantFrom("", " "),
        )
        .map(([q, o, f, g]) => `x${q}${g}${o}${g}${f}${g}${o}${g}${q}`),
      ["string-building", "subquery"],
    );
    check(
      fc
        .tuple(fc.constantFrom("x'", "1'", "')"), fc.constantFrom("(a, b) values (1, 2)", " values ('a')", " select 1"))
        .map(([p, r]) => `${p} insert into users${r}`),
      "stacked",
    );
    check(
      fc
        .tuple(fc.constantFrom("current_user", "session_user", "system_user"), fc.constantFrom(";", "", "()", "--"))
        .map(([f, t]) => `select ${f}${t}`),
      "catalog",
    );
  });

  it("a literal in parentheses opens the numeric context: (1)and(1)=(1), ((1)) union select", () => {
    check(
      fc
        .tuple(fc.constantFrom("(", "(("), num, gap, connector)
        .map(([o, n, g, c]) => `${o}${n}${")".repeat(o.length)}${g}${c}${g}(${n})=(${n})`),
      "tautology",
    );
  });

  it("a boolean-blind probe as the whole value: ascii(substring(x,1,1))>64, length(database())=8", () => {
    check(
      fc
        .tuple(
          fc.constantFrom("ascii(substring", "ascii(substr", "ord(substring", "length(database", "char_length(user"),
          fc.constantFrom("password", "(select user())", "@@version"),
          fc.integer({ min: 1, max: 30 }),
          fc.constantFrom(">", "=", "<", ">="),
          num,
          gap,
        )
        .map(([f, x, n, o, v, g]) =>
          f.endsWith("database") || f.endsWith("user")
            ? `${f}())${g}${o}${g}${v}`
            : `${f}(${x},${n},1))${g}${o}${g}${v}`,
        ),
      ["tautology", "catalog", "subquery"],
    );
  });

  it("a string literal as the first operand of a numeric context: 'x' or 1=1--", () => {
    check(
      fc
        .tuple(quote, word, gap, connector, num, truncate)
        .map(([q, w, g, c, n, t]) => `${q}${w}${q}${g}${c}${g}${n}=${n}${t}`),
      "tautology",
    );
  });

  it("a signed number opens the numeric context: -1 or 2>1, -1 union select", () => {
    check(
      fc.tuple(num, gap, connector, num).map(([a, g, c, b]) => `-${a}${g}${c}${g}${b}=${b}`),
      "tautology",
    );
  });

  it("HAVING opened straight after the break-out: x' having y--", () => {
    check(
      fc
        .tuple(quote, gap, fc.constantFrom("y", "count(*)", "1", "name"), fc.constantFrom("", "--", "#"))
        .map(([q, g, e, t]) => `${q}${g}having${g}${e}${t}`),
      "tautology",
    );
  });

  it("out-of-band channels named bare: Oracle's utl_/dbms_ packages, SQL Server's ad hoc sources and procedures", () => {
    check(
      fc
        .tuple(
          fc.constantFrom(
            "utl_http",
            "utl_inaddr",
            "dbms_pipe",
            "dbms_xmlgen",
            "openrowset",
            "opendatasource",
            "sp_executesql",
            "xp_cmdshell",
          ),
          fc.constantFrom("", ".request", "("),
        )
        .map(([n, t]) => (t === ".request" && !n.startsWith("utl_") ? n : `${n}${t}`)),
      "system",
    );
  });

  it("MySQL executable comments hide keywords: /*!50000union*/", () => {
    check(
      fc.tuple(fc.constantFrom("", "50000", "12345"), num).map(([v, n]) => `1 /*!${v}union*/ /*!${v}select*/ ${n},2`),
      "union",
    );
  });
});

describe("Hard benign text does not fire at paranoia level 1", () => {
  const benign = [
    "it's 'fine' or not",
    "o'reilly and sons",
    "rock 'n' roll or jazz",
    "select one or two",
    "union members vote",
    "trade union select committee",
    "don't -- really",
    "I'm 5' 10\" tall",
    'she said "no" and left',
    "tea and biscuits = yum",
    "const total = a || b;",
    "if (a == b && c) { return x; }",
    "SELECT name FROM users WHERE id = 1",
    "Sleep (8 hours) is important",
    "order by date, please",
    "привет, как дела? 'да' или 'нет'",
    "東京 or 大阪",
    '{"q": "it\'s", "n": 1}',
    "https://example.com/a?b=c&d=e",
    "john.o'neil@example.com",
    "report_2024 (final).pdf",
    "pick 1 or 2",
    "What's the price? 'cheap' = good",
    "Use the ';' character to end a statement",
    "'drop table users' is dangerous",
    '"delete from cart" removes a line',
    "I said 'having' twice",
    "I'm having fun; attach files as needed",
    "Let's talk; pragma is a word",
    "conn.database(1)",
    "-5 degrees or colder",
    "use '-' as a separator",
    "use '-'",
    "answer '/' or '%'",
    "my.group_concat(x) is a method",
    "group_concat (the function) joins rows",
    "alter the character set of your terminal",
    "alter table manners; charset utf8",
    "step 1; next: goto the shop",
    "please close the door; open it",
    "where is the 1=1 rule",
    "as we know where 1=1 holds, more or less",
    "select current_user to see it",
    "it's '+' or foo(x) + '",
    "I do $5 tasks; do $$ later",
    "backup database nightly to disk",
    "(see above) or below",
    "(2024) results or so",
    "(1) and (2)",
    "I need sleep(7-8 hours) a night",
    '=upper(left(a1,1))="A"',
    "hex(ord(c)) > 3",
    "len(trim(b2))>3",
    "the sp_500 index rose",
    "my_utl_http variable",
    "union select pragma from",
    "union select pragma from it's",
    "drop union select pragma from it",
    "and union select pragma from users",
    "Union select committee from the north",
    "'hello' or 'world', pick one",
    '"yes" and "no" are both fine',
  ];
  for (const text of benign) it(JSON.stringify(text), () => expect(pl1(text)).toEqual([]));

  it("generated prose with apostrophes and SQL-ish words", () => {
    const proseWord = fc.constantFrom(
      "it's",
      "don't",
      "select",
      "union",
      "or",
      "and",
      "order",
      "by",
      "the",
      "table",
      "from",
      "o'clock",
      "drop",
      "a",
      "users'",
      "isn't",
      "having",
      "delete",
      "create",
      "pragma",
    );
    fc.assert(
      fc.property(fc.array(proseWord, { minLength: 1, maxLength: 12 }), (words) => {
        const text = words.join(" ");
        expect(pl1(text), text).toEqual([]);
      }),
      // Many runs: 16 words in lists of up to 12 are 10^14 texts, and a rare order is the one that fires.
      { numRuns: 5000 },
    );
  });
});

describe("Robustness", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => void analyzeSql(s.toLowerCase())),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => void analyzeSql(s)),
      { numRuns: 300 },
    );
  });

  it("stays fast on long and deeply nested input", () => {
    const inputs = [
      "(".repeat(20_000),
      "'".repeat(20_000),
      "/*".repeat(10_000),
      "' or (".repeat(3000),
      "1 union select ".repeat(1000),
      "a".repeat(50_000),
      "$$".repeat(10_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      analyzeSql(input);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });
});
