// SQL injection analysis: read the value in each context an application may place it into
// (contexts.ts), and decide it is an injection when the value leaves that context and what follows,
// in code position, is SQL structure: a complete condition (a tautology or a probe), UNION SELECT,
// a stacked statement, a comment that truncates the rest of the query, a subquery or CASE, string
// building, a column-count probe, or calls and catalogs only injections use. Each finding has a
// technique and a paranoia level: 1 for structure that is unambiguous, 2 for weaker shapes
// (a bare comparison, a comment after a number). Prose with apostrophes never leaves a string into
// code position followed by a complete SQL construct, which is what keeps it quiet.
import { aliasThenWhere, breakouts, CONTINUATIONS, groupedOperand, type Breakout } from "./contexts.ts";
import { CLAUSE, WORD_BINARY, readExpression, type Expression } from "./expression.ts";
import { tokenize, type Token } from "./tokens.ts";
import {
  CATALOGS,
  ERROR_CALLS,
  INFO_CALLS,
  PROBE_CALLS,
  SQL_ONLY_CALLS,
  STATEMENTS,
  SYSTEM_CALLS,
  TIME_CALLS,
} from "./vocabulary.ts";

export type Technique =
  | "union"
  | "tautology"
  | "comment"
  | "stacked"
  | "time"
  | "error"
  | "catalog"
  | "system"
  | "subquery"
  | "conditional"
  | "string-building"
  | "order-probe"
  | "variable"
  | "function"
  | "structure";

export interface Finding {
  technique: Technique;
  paranoia: 1 | 2;
  evidence: string;
}

/** Code tokens after a break-out (comments out) and, per position, whether a comment truncating the rest precedes it. */
interface Code {
  t: Token[];
  /** truncated[i]: a line comment (or an unclosed block comment) comes before t[i] (or ends the value when i = t.length). */
  truncated: boolean[];
  /** The last token is the application's own quote opening a string (the value ended in code). */
  tail: boolean;
  text: string;
  start: number;
}

function codeOf(b: Breakout): Code {
  const t: Token[] = [];
  const truncated: boolean[] = [false];
  let tail = false;
  for (const tok of b.tokens) {
    if (tok.kind === "comment") {
      if (!tok.text.startsWith("/*") || !tok.closed) truncated[t.length] = true;
      continue;
    }
    if (
      b.context !== "numeric" &&
      b.context !== "parenthesis" &&
      tok.kind === "string" &&
      !tok.closed &&
      tok.start === b.text.length - 1
    ) {
      tail = true;
      continue;
    }
    t.push(tok);
    truncated[t.length] = false;
  }
  return { t, truncated, tail, text: b.text, start: b.at };
}

const word = (tok: Token | undefined, ...words: string[]) => tok?.kind === "word" && words.includes(tok.text);
const op = (tok: Token | undefined, ...ops: string[]) => tok?.kind === "op" && ops.includes(tok.text);

/** Position i ends the injected code: the value ends, a comment swallows the rest, or the statement ends. */
const endsAt = (c: Code, i: number) => i >= c.t.length || c.truncated[i] === true || c.t[i]!.kind === ";";

function evidence(c: Code, from: number, to: number): string {
  const a = c.t[from]?.start ?? c.start;
  const last = c.t[Math.min(to, c.t.length) - 1];
  const b = last ? last.end : c.text.length;
  return c.text.slice(Math.max(0, Math.min(a, c.start) - 12), Math.min(c.text.length, Math.max(b, a) + 24)).trim();
}

/** What the calls in an expression say: a technique when one names a delay, an error, a system object. */
function callTechnique(calls: readonly string[], e?: Expression): Technique | null {
  for (const name of calls) if (TIME_CALLS.has(name)) return "time";
  for (const name of calls) if (SYSTEM_CALLS.has(name)) return "system";
  for (const name of calls)
    if (ERROR_CALLS.has(name) && name !== "cast" && name !== "convert" && name !== "floor" && name !== "exp")
      return "error";
  if (e?.subquery) return "subquery";
  if (e?.caseWhen || calls.some((n) => n === "if" || n === "iif" || n === "elt")) return "conditional";
  if (calls.some((n) => n === "char" || n === "chr" || n === "concat" || n === "concat_ws")) return "string-building";
  return null;
}

/**
 * UNION [ALL|DISTINCT] [(] SELECT and a select list's first item. `strict`: the value did not leave a
 * string, so an empty list needs a comment; `prose`: nothing before UNION shows code (a word, not a
 * number or a quote, precedes it), so "select <word> from" alone is English ("the union select
 * delegates from each branch") and the list must show SQL (a comma, a call, a literal, NULL, *).
 */
function unionAt(c: Code, i: number, strict: boolean, prose = false): number {
  if (!word(c.t[i], "union")) return -1;
  let q = i + 1;
  if (word(c.t[q], "all", "distinct", "distinctrow")) q++;
  while (c.t[q]?.kind === "(") q++;
  if (!word(c.t[q], "select")) return -1;
  q++;
  if (word(c.t[q], "distinct", "all", "top")) return q + 1;
  const item = c.t[q];
  // Nothing selected: SQL only when a comment cuts the query there ("' union select--"); prose can end
  // in "union select" ("it's union select").
  if (!item || endsAt(c, q)) return strict || c.truncated[q] !== true ? -1 : q;
  if (
    item.kind === "number" ||
    item.kind === "string" ||
    item.kind === "var" ||
    item.kind === "(" ||
    op(item, "*", "-")
  )
    return q + 1;
  // An operator or a reserved word cannot be the first item: "union select and from it's", "union
  // select by from table" are prose.
  const operand =
    item.kind === "word" &&
    (!WORD_BINARY.has(item.text) || word(item, "not", "match")) &&
    !CLAUSE.has(item.text) &&
    !RESERVED.has(item.text);
  if (operand || item.kind === "ident") {
    const after = c.t[q + 1];
    if (word(item, "null")) return q + 1;
    // A determiner is English, never a column: "union select the from …" needs more than FROM.
    const english = prose || (item.kind === "word" && DETERMINERS.has(item.text));
    // A value that itself begins with UNION may be a sentence ("Union select pragma from …"): its FROM must name a table.
    const opensValue = i === 0 && c.t[0]?.start === 0;
    if (
      after?.kind === "," ||
      after?.kind === "(" ||
      after?.kind === "." ||
      (!english && (word(after, "as", "into") || (word(after, "from") && (!opensValue || tableThenSql(c, q + 2))))) ||
      op(after, "||", "+")
    )
      return q + 2;
    if (english) return -1;
    if (!strict && endsAt(c, q + 1) && !c.tail) return q + 1;
    // "1 union select name--": a comment cutting off the rest of the query after a one-item list.
    if (c.truncated[q + 1] === true) return q + 1;
  }
  return -1;
}

/** A word that can name a table or another object: no clause word, operator, reserved word or determiner. */
const isNameWord = (text: string) => !CODE_WORDS.has(text) && !DETERMINERS.has(text) && !RESERVED.has(text);

/** What FROM names: a table, a quoted name, a subquery; never a clause word, a determiner or nothing. */
const tableAt = (tok: Token | undefined) =>
  tok?.kind === "ident" || tok?.kind === "(" || (tok?.kind === "word" && isNameWord(tok.text));

/** A table at `i`, then the end of the value or what follows a table in a query. */
const tableThenSql = (c: Code, i: number) =>
  tableAt(c.t[i]) &&
  (endsAt(c, i + 1) ||
    c.t[i + 1]?.kind === "." ||
    c.t[i + 1]?.kind === "," ||
    word(c.t[i + 1], "where", "limit", "order", "group", "union", "join", "into", "having"));

/** A statement's opening that only SQL has: "drop table x", "select … from", "exec xp_…", "declare @x", "waitfor delay '…'". */
function statementAt(c: Code, i: number): number {
  const tok = c.t[i];
  if (!tok || tok.kind !== "word" || !STATEMENTS.has(tok.text)) return -1;
  const a = c.t[i + 1];
  const b = c.t[i + 2];
  switch (tok.text) {
    case "select": {
      if (!a) return i + 1;
      if (a.kind === "number" || a.kind === "var" || a.kind === "string" || op(a, "*") || a.kind === "(") return i + 2;
      if (a.kind === "word" && (b?.kind === "(" || b?.kind === "," || word(b, "from"))) return i + 3;
      return -1;
    }
    case "insert":
    case "replace": {
      const q = word(a, "into") ? i + 2 : i + 1;
      const table = c.t[q];
      const then = c.t[q + 1];
      if (!table || (table.kind !== "word" && table.kind !== "ident")) return -1;
      return word(a, "into") || then?.kind === "(" || word(then, "values", "set", "select") ? q + 1 : -1;
    }
    case "update":
      return a && (a.kind === "word" || a.kind === "ident") && word(b, "set") ? i + 3 : -1;
    case "delete":
      return word(a, "from") ? i + 2 : -1;
    case "drop":
    case "create":
    case "alter":
    case "truncate": {
      // create [or replace] [temporary|unique|global temporary …] <object kind>, drop <kind> [if exists]
      let q = i + 1;
      if (tok.text === "create" && word(c.t[q], "or") && word(c.t[q + 1], "replace")) q += 2;
      for (let n = 0; n < 3 && word(c.t[q], ...OBJECT_MODIFIERS); n++) q++;
      const kind = c.t[q];
      if (word(kind, ...OBJECT_KINDS)) return q + 1;
      // ALTER SYSTEM/SESSION SET: the server's own settings.
      if (tok.text === "alter" && word(kind, "system", "session") && word(c.t[q + 1], "set")) return q + 2;
      return tok.text === "truncate" &&
        (a?.kind === "word" || a?.kind === "ident" || a?.text === "[") &&
        (endsAt(c, i + 2) || a?.text === "[")
        ? i + 2
        : -1;
    }
    case "rename":
      return word(a, "table", "user", "database") && b && (b.kind === "word" || b.kind === "ident") ? i + 3 : -1;
    case "desc":
    case "describe":
      return a && (a.kind === "word" || a.kind === "ident") && endsAt(c, i + 2) ? i + 2 : -1;
    case "exec":
    case "execute":
      return a &&
        (a.kind === "var" ||
          a.kind === "(" ||
          (a.kind === "word" && (/^(?:xp|sp)_/.test(a.text) || a.text === "master" || a.text === "immediate")))
        ? i + 2
        : -1;
    case "declare":
      // declare @v …, a cursor (declare c cursor for …), PL/SQL's "declare v type;".
      if (a?.kind === "var") return i + 2;
      if (
        a?.kind === "word" &&
        (word(b, "cursor", "scroll", "insensitive") || (word(b, "for") && word(c.t[i + 3], "select")))
      )
        return i + 3;
      if (a?.kind === "word" && b?.kind === "word" && DECLARED_TYPES.has(b.text)) return i + 3;
      return -1;
    case "open":
    case "fetch":
    case "close":
    case "deallocate":
      // A cursor's life after its DECLARE in the same value: open c, fetch next from c, close c
      // ("close the door; open it" declares nothing).
      if (tok.text === "fetch")
        return word(a, "next", "prior", "first", "last") && word(b, "from") && c.t[i + 3] ? i + 4 : -1;
      return a?.kind === "word" &&
        c.t.slice(0, i).some((x, n) => word(x, "cursor") && word(c.t[n - 2], "declare")) &&
        (endsAt(c, i + 2) || word(b, "into"))
        ? i + 2
        : -1;
    case "do":
      // PostgreSQL's anonymous code block: do $$ … $$ [language plpgsql].
      return a?.kind === "string" && a.closed && a.text.startsWith("$") ? i + 2 : -1;
    case "waitfor":
      return word(a, "delay", "time") && b?.kind === "string" ? i + 3 : -1;
    case "set":
      return a?.kind === "var" && op(b, "=", ":=") ? i + 3 : -1;
    case "shutdown":
      return endsAt(c, i + 1) || word(a, "with") ? i + 1 : -1;
    case "grant":
    case "revoke":
      return word(a, "all", "select", "insert", "update", "delete", "execute", "dba", "connect") &&
        word(b, "on", "to", "privileges", ",")
        ? i + 3
        : -1;
    case "copy":
      // COPY (SELECT …) TO PROGRAM/'file': the subquery's rows to a file or a shell.
      if (a?.kind === "(") {
        let q = i + 1;
        for (let depth = 0; q < c.t.length && q < i + 200; q++) {
          if (c.t[q]!.kind === "(") depth++;
          else if (c.t[q]!.kind === ")" && --depth === 0) break;
        }
        return word(c.t[q + 1], "to") && (word(c.t[q + 2], "program", "stdout") || c.t[q + 2]?.kind === "string")
          ? q + 3
          : -1;
      }
      return a?.kind === "word" &&
        word(b, "from", "to") &&
        (word(c.t[i + 3], "program", "stdin") || c.t[i + 3]?.kind === "string")
        ? i + 4
        : -1;
    case "call":
      return a?.kind === "word" && (b?.kind === "(" || b?.kind === ".") ? i + 3 : -1;
    case "load":
      return word(a, "data") && word(b, "infile", "local") ? i + 3 : -1;
    case "pragma": {
      // SQLite: pragma [schema.]name, then its argument or the statement's end.
      let q = i + 1;
      if (a?.kind !== "word") return -1;
      if (b?.kind === "." && c.t[i + 3]?.kind === "word") q += 2;
      const then = c.t[q + 1];
      return then?.kind === "(" || op(then, "=") || endsAt(c, q + 1) ? q + 1 : -1;
    }
    case "attach": {
      // SQLite: attach [database] 'file' as name.
      const q = word(a, "database") ? i + 2 : i + 1;
      return c.t[q]?.kind === "string" && word(c.t[q + 1], "as") ? q + 2 : -1;
    }
    case "use":
    case "begin":
    case "handler":
      return a && (a.kind === "word" || a.kind === "ident") && word(b, "open", "read", "close") ? i + 3 : -1;
    case "merge":
      return -1;
    default:
      return -1;
  }
}

/**
 * A data-definition or data-changing statement right after the break-out that names its object and
 * then ends the value or goes on only as SQL does: "' drop table users", "1 delete from users",
 * "') alter table users add x int", "' create table t (". Prose quoting a statement goes on in words
 * ("'drop table users' is dangerous": the application's quote then opens a string of prose).
 */
function namesItsObject(c: Code, p: number, end: number): boolean {
  const verb = c.t[p]!.text;
  if (verb === "drop" || verb === "truncate" || verb === "delete" || verb === "alter" || verb === "create") {
    let q = end;
    const named = c.t[q];
    if (!named || (named.kind !== "word" && named.kind !== "ident")) return false;
    // An object is never named with a reserved word or a determiner ("drop table the", "create table or").
    if (named.kind === "word" && (!isNameWord(named.text) || STATEMENTS.has(named.text))) return false;
    while (c.t[q + 1]?.kind === "." && c.t[q + 2]) q += 2;
    if (endsAt(c, q + 1)) return true;
    const then = c.t[q + 1];
    if (verb === "create") return then?.kind === "(" || word(then, "as");
    if (verb === "alter") return word(then, "add", "drop", "modify", "rename", "alter", "column", "owner");
    if (verb === "delete") return word(then, "where");
    return false;
  }
  // "update t set col=…": a column assignment follows SET.
  if (verb === "update") return endsAt(c, end) || (c.t[end]?.kind === "word" && op(c.t[end + 1], "="));
  // "insert into t (a, b) values (…)", "insert into t values (…)", "insert into t select …".
  if (verb === "insert" || verb === "replace")
    return endsAt(c, end) || c.t[end]?.kind === "(" || word(c.t[end], "values", "select");
  return false;
}

/** Names spreadsheet formulas and Python share with SQL: a nest of only these is a formula or code. */
const EVERYDAY_CALLS = new Set([
  "chr",
  "ord",
  "hex",
  "len",
  "ascii",
  "left",
  "right",
  "mid",
  "lower",
  "upper",
  "concat",
  "char",
  "count",
  "md5",
  "sha1",
  "if",
  "rand",
]);

/**
 * A comparison, the whole value, whose left side nests one data-probing call in another
 * (ascii(substring(…)), length(database())), at least one of them SQL's own rather than a
 * spreadsheet's or Python's: the boolean-blind question asked in place of a number.
 */
function nestedProbe(c: Code): Finding | null {
  const e = readExpression(c.t, 0);
  if (!e.comparison || !endsAt(c, e.end) || c.t[0]?.kind !== "word") return null;
  const probing = (x: Token | undefined) => x?.kind === "word" && (PROBE_CALLS.has(x.text) || INFO_CALLS.has(x.text));
  for (let i = 0; i + 3 < e.end; i++) {
    const outer = c.t[i]!;
    const inner = c.t[i + 2]!;
    if (probing(outer) && c.t[i + 1]!.kind === "(" && probing(inner) && c.t[i + 3]!.kind === "(")
      if (!EVERYDAY_CALLS.has(outer.text) || !EVERYDAY_CALLS.has(inner.text))
        return { technique: "tautology", paranoia: 1, evidence: evidence(c, 0, e.end) };
  }
  return null;
}

/** The parenthesis at `open` holds a bare word (not a call, not SQL's own) before it closes or the value ends. */
function proseInParens(t: readonly Token[], open: number): boolean {
  for (let i = open + 1, depth = 1; i < t.length && i < open + 40; i++) {
    const x = t[i]!;
    if (x.kind === "(") depth++;
    else if (x.kind === ")" && --depth === 0) return false;
    else if (x.kind === "word" && t[i + 1]?.kind !== "(" && !CODE_WORDS.has(x.text) && x.text !== "null") return true;
  }
  return false;
}

/** A word, or a `backquoted` or [bracketed] identifier without its quotes; null for anything else. */
function nameOf(tok: Token | undefined): string | null {
  if (tok?.kind === "word") return tok.text;
  if (tok?.kind !== "ident") return null;
  return tok.closed ? tok.text.slice(1, -1) : tok.text.slice(1);
}

/** Time, error, catalog and system structure anywhere in code: calls with arguments, catalogs as tables or qualified names. */
function anywhere(c: Code, strictCalls: boolean): Finding | null {
  const t = c.t;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    // Server variables (@@version, @@datadir, @@servername): only SQL has them.
    if (tok.kind === "var" && tok.text.startsWith("@@") && tok.text.length > 4)
      return { technique: "catalog", paranoia: 1, evidence: evidence(c, i, i + 1) };
    // A MySQL user variable assigned in an expression (@v:=…): only injected SQL carries values out that way.
    if (tok.kind === "var" && op(t[i + 1], ":=") && t[i + 2])
      return { technique: "variable", paranoia: 1, evidence: evidence(c, i, i + 3) };
    // Quoted identifiers name the same objects: `information_schema`.tables, [master]..[sysdatabases].
    let name = nameOf(tok);
    if (name === null) continue;
    let q = i + 1;
    while ((t[q]?.kind === "." || op(t[q], ".")) && nameOf(t[q + 1]) !== null) {
      name += "." + nameOf(t[q + 1]);
      q += 2;
    }
    if (t[q]?.kind === "." && t[q + 1]?.kind === "." && nameOf(t[q + 2]) !== null) {
      name += ".." + nameOf(t[q + 2]);
      q += 3;
    }
    if (t[q]?.kind === "(") {
      const arg = t[q + 1];
      const argIsSql =
        arg &&
        ((arg.kind === "number" &&
          (t[q + 2]?.kind === ")" ||
            t[q + 2]?.kind === "," ||
            t[q + 2]?.kind === "op" ||
            !t[q + 2] ||
            arg.text.endsWith("."))) ||
          arg.kind === "var" ||
          arg.kind === "(" ||
          arg.kind === "string" ||
          (arg.kind === "word" && (t[q + 2]?.kind === "(" || word(arg, "select"))));
      const base = name.slice(name.lastIndexOf(".") + 1);
      if (TIME_CALLS.has(name) && argIsSql) {
        if (name === "benchmark" && !t.slice(q + 2, q + 8).some((x) => x.kind === ",")) continue;
        if (name === "randomblob" && !(arg.kind === "number" && arg.text.length >= 7)) continue;
        // "sleep(7-8 hours)" is prose: an arithmetic argument holds no bare words (calls and
        // subqueries aside) up to its closing parenthesis.
        if (arg.kind === "number" && t[q + 2]?.kind === "op" && proseInParens(t, q)) continue;
        return { technique: "time", paranoia: 1, evidence: evidence(c, i, q + 3) };
      }
      if (SYSTEM_CALLS.has(name) && arg && arg.kind !== ")")
        return { technique: "system", paranoia: 1, evidence: evidence(c, i, q + 2) };
      if ((name === "extractvalue" || name === "updatexml") && t.slice(q + 2, q + 40).some((x) => x.kind === ","))
        return { technique: "error", paranoia: 1, evidence: evidence(c, i, q + 2) };
      const prev = t[i - 1];
      // A built-in only SQL dialects have (group_concat, substring_index, string_agg …), called with
      // arguments SQL would pass: a literal, a column, a nested call, a subquery.
      if (SQL_ONLY_CALLS.has(name) && prev?.kind !== "." && arg) {
        const after = t[q + 2];
        const sqlArg =
          argIsSql ||
          arg.kind === ")" ||
          arg.kind === "ident" ||
          op(arg, "*") ||
          (arg.kind === "word" &&
            (after?.kind === ")" ||
              after?.kind === "," ||
              after?.kind === "." ||
              after?.kind === "op" ||
              word(after, "from", "separator", "using", "as", "order")));
        if (sqlArg) return { technique: "function", paranoia: 1, evidence: evidence(c, i, q + 2) };
      }
      // A report-the-database call cut off at its parenthesis ("database(", "db_name(") or, for the
      // names only SQL has (an underscore: db_name, user_name, current_user), with arguments; a
      // method of some object (x.database(…)) is code.
      if (
        INFO_CALLS.has(name) &&
        prev?.kind !== "." &&
        ((!t[q + 1] && q === t.length - 1) || (name.includes("_") && t[q + 1]!.kind !== ")" && argIsSql))
      )
        return { technique: "catalog", paranoia: 1, evidence: evidence(c, i, q + 2) };
      if (
        INFO_CALLS.has(name) &&
        t[q + 1]?.kind === ")" &&
        (name.includes("_") ||
          !strictCalls ||
          i === 0 ||
          word(prev, "select", "and", "or", "xor") ||
          op(prev, "=", "||", "&&") ||
          prev?.kind === "(" ||
          prev?.kind === ",")
      )
        return { technique: "catalog", paranoia: 1, evidence: evidence(c, i, q + 2) };
      if (!strictCalls && ERROR_CALLS.has(base) && (t[q + 1]?.kind === "(" || word(t[q + 1], "select")))
        return { technique: "error", paranoia: 1, evidence: evidence(c, i, q + 2) };
    }
    if (/^(?:xp|sp)_/.test(name) && SYSTEM_CALLS.has(name))
      return { technique: "system", paranoia: 1, evidence: evidence(c, i, q) };
    // Oracle's supplied packages (utl_http, utl_inaddr, dbms_pipe, dbms_xmlgen …) and SQL Server's ad hoc
    // remote sources: names only a database has, the network and file channels of an injection.
    if (
      /^(?:utl_(?:http|inaddr|tcp|smtp|file|mail)|dbms_(?:pipe|lock|xmlgen|java|scheduler|ldap|sql|aw|xmlquery|export_extension))(?:\.|$)/.test(
        name,
      ) ||
      name === "openrowset" ||
      name === "opendatasource"
    )
      return { technique: "system", paranoia: 1, evidence: evidence(c, i, q) };
    // SQL Server BACKUP DATABASE|LOG x TO DISK|URL = '…': the database written to a path or a share.
    if (
      word(tok, "backup") &&
      word(t[i + 1], "database", "log") &&
      t[i + 2] &&
      word(t[i + 3], "to") &&
      word(t[i + 4], "disk", "url", "tape") &&
      op(t[i + 5], "=")
    )
      return { technique: "system", paranoia: 1, evidence: evidence(c, i, i + 6) };
    // EXEC of a procedure in SQL Server's master database: exec master.dbo.x, execute master..x.
    if (word(tok, "exec", "execute") && word(t[i + 1], "master") && t[i + 2]?.kind === ".")
      return { technique: "system", paranoia: 1, evidence: evidence(c, i, i + 3) };
    if (name.startsWith("master..") || name.startsWith("master.dbo."))
      return { technique: "catalog", paranoia: 1, evidence: evidence(c, i, q) };
    if ((CATALOGS.has(name) || CATALOGS.has(name.split(".")[0]!)) && name !== "dual") {
      const before = t[i - 1];
      // Names with an underscore or a system prefix occur nowhere but in a database; plain-word ones need a table position.
      if (
        word(before, "from", "join") ||
        name.includes(".") ||
        t[q]?.kind === "." ||
        /_|^(?:sys|msys|pg_|tempdb$|msdb$|northwind$)/.test(name)
      )
        return { technique: "catalog", paranoia: 1, evidence: evidence(c, i - 1, q) };
    }
    if (name === "into" && word(t[i + 1], "outfile", "dumpfile") && t[i + 2]?.kind === "string")
      return { technique: "system", paranoia: 1, evidence: evidence(c, i, i + 3) };
    if (name === "waitfor" && word(t[i + 1], "delay", "time") && t[i + 2]?.kind === "string")
      return { technique: "time", paranoia: 1, evidence: evidence(c, i, i + 3) };
  }
  return null;
}

/** A condition chained onto the application's WHERE: OR/AND (and ||, &&, XOR) then a complete expression. */
function condition(c: Code, p: number, quoted: boolean, leadingNumber: boolean): Finding | null {
  const connector = c.t[p];
  if (!(
    word(connector, "or", "and", "xor", "rlike", "regexp", "like", "div") ||
    op(connector, "||", "&&", "|", "&", "^", "+", "-", "*", "/", "=", "<", ">", "<>", "!=", "<=>", ">=", "<=")
  ))
    return null;
  const logical = word(connector, "or", "and", "xor") || op(connector, "||", "&&");
  let e = readExpression(c.t, p + 1);
  if (e.operands === 0) return null;
  let end = e.end;
  // Several conditions chained: read through them.
  for (let n = 0; n < 8 && (word(c.t[end], "or", "and", "xor") || op(c.t[end], "||", "&&")); n++) {
    const more = readExpression(c.t, end + 1);
    if (more.operands === 0) break;
    more.truthy = e.truthy;
    more.comparison ||= e.comparison;
    more.subquery ||= e.subquery;
    more.caseWhen ||= e.caseWhen;
    more.calls.push(...e.calls);
    e = more;
    end = more.end;
  }
  let close = end;
  while (c.t[close]?.kind === ")") close++;
  const ended = endsAt(c, close) || word(c.t[close], "union", "order", "group", "limit", "having", "into", "procedure");
  const byCall = callTechnique(e.calls, e);
  const ev = evidence(c, p, close);
  if (byCall && (ended || c.tail || byCall === "time" || byCall === "subquery"))
    return { technique: byCall, paranoia: 1, evidence: ev };
  // "'||pkg.f('a')||'", "'+f(x)+'": a call spliced into the application's string by concatenation,
  // glued to the break-out and closed by the application's own quote (the last operand, '').
  const last = c.t[end - 1];
  if (
    quoted &&
    p === 0 &&
    op(connector, "||", "+") &&
    e.calls.length > 0 &&
    ended &&
    last?.kind === "string" &&
    last.end === c.text.length &&
    last.text.length === 2 &&
    op(c.t[end - 2], "||", "+")
  )
    return { technique: "string-building", paranoia: 1, evidence: ev };
  if (!logical) {
    // "'+…+'", "'=…='": an operator glued to the break-out; strong with SQL calls in it, weak without.
    if (quoted && e.calls.some((n) => PROBE_CALLS.has(n) || ERROR_CALLS.has(n)))
      return { technique: "string-building", paranoia: 1, evidence: ev };
    if (quoted && ended && (e.comparison || op(connector, "=")))
      return { technique: "tautology", paranoia: 2, evidence: ev };
    return null;
  }
  const truncated = c.truncated[close] === true || c.t[close]?.kind === ";";
  if (e.comparison && (ended || c.tail) && (quoted || leadingNumber || truncated))
    return { technique: "tautology", paranoia: 1, evidence: ev };
  if (e.truthy && (truncated || (ended && (quoted || leadingNumber) && !c.tail))) {
    const word = c.t[p + 1]?.text;
    return {
      technique: "tautology",
      paranoia: quoted || truncated || word === "true" || word === "not" ? 1 : 2,
      evidence: ev,
    };
  }
  if ((e.comparison || e.truthy) && !ended && quoted && e.calls.some((n) => PROBE_CALLS.has(n)))
    return { technique: "tautology", paranoia: 1, evidence: ev };
  // ' or ''-' : literals joined by an operator, complete up to the application's quote.
  const span = c.t.slice(p + 1, end);
  if (
    quoted &&
    (ended || c.tail) &&
    e.operands >= 2 &&
    span.some((x) => x.kind === "op") &&
    span.every((x) => x.kind !== "word")
  )
    return { technique: "tautology", paranoia: 1, evidence: ev };
  if (e.comparison && quoted) return { technique: "tautology", paranoia: 2, evidence: ev };
  return null;
}

/** Index of the name after CHARACTER SET / CHARSET in an ALTER statement, or -1. */
function charsetSwitch(c: Code): number {
  for (let i = 2; i < c.t.length && i < 40 && c.t[i]!.kind !== ";"; i++) {
    if (word(c.t[i], "character") && word(c.t[i + 1], "set") && c.t[i + 2]?.kind === "word") return i + 2;
    if (word(c.t[i], "charset") && c.t[i + 1]?.kind === "word") return i + 1;
  }
  return -1;
}

/** Types a PL/SQL or T-SQL DECLARE gives its variable ("declare v varchar2(10);"). */
const DECLARED_TYPES = new Set([
  "varchar",
  "varchar2",
  "nvarchar",
  "nvarchar2",
  "char",
  "nchar",
  "number",
  "int",
  "integer",
  "bigint",
  "boolean",
  "clob",
  "blob",
  "pls_integer",
  "binary_integer",
  "sysname",
  "text",
]);

/** What CREATE/DROP/ALTER make and remove, across the dialects. */
const OBJECT_KINDS = [
  "table",
  "database",
  "user",
  "view",
  "procedure",
  "proc",
  "function",
  "trigger",
  "schema",
  "login",
  "index",
  "role",
  "sequence",
  "synonym",
  "type",
  "domain",
  "extension",
  "event",
  "tablespace",
  "server",
  "certificate",
  "credential",
  "assembly",
  "aggregate",
  "package",
  "library",
  "directory",
  "policy",
  "rule",
  "operator",
  "collation",
  "conversion",
  "language",
  "publication",
  "subscription",
];
const OBJECT_MODIFIERS = ["temporary", "temp", "unique", "global", "local", "materialized", "public"];

/** Reserved words that cannot stand alone as a select item (beyond the clause words). */
const RESERVED = new Set(["by", "table", "view"]);

/** English determiners: a select item is never one, a noun always follows one. */
const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "this",
  "that",
  "these",
  "those",
  "my",
  "your",
  "his",
  "her",
  "its",
  "our",
  "their",
  "some",
  "any",
  "each",
  "every",
  "no",
]);

/** Words after a break-out that show code rather than prose: a clause, an operator, a continuation. */
const CODE_WORDS = new Set([...CLAUSE, ...WORD_BINARY, ...CONTINUATIONS]);

/** What follows one break-out. */
function afterBreakout(b: Breakout, leadingNumber: boolean): Finding | null {
  const c = codeOf(b);
  const quoted = b.context !== "numeric";
  let p = 0;
  while (c.t[p]?.kind === ")") p++;
  const parens = p;
  const tok = c.t[p];
  // Comment truncation right after the break-out: admin'-- , ')#
  if (
    c.truncated[p] &&
    (b.context === "quote" || b.context === "double-quote" || (b.context === "parenthesis" && parens > 0))
  )
    return {
      technique: "comment",
      paranoia: p === c.t.length || b.context === "quote" ? 1 : 2,
      evidence: evidence(c, 0, p),
    };
  if (c.truncated[p] && leadingNumber && p === 0 && !tok)
    return { technique: "comment", paranoia: 2, evidence: evidence(c, 0, p) };
  if (!tok) return null;
  // After a word the break-out is prose ("it's union select …": the quote ended "it", "s" is no SQL),
  // so UNION must follow the break-out at once; after a number, a string or an operator anywhere.
  const wordFirst = tok.kind === "word" || tok.kind === "ident";
  // In a numeric context the operand skipped may itself be a word ("drop union select …"): UNION after
  // a bare word is English as much as after a quote that ended one.
  const afterWord = b.context === "numeric" && !leadingNumber && /^[a-z_][\w$]*$/.test(b.text.slice(0, b.at).trim());
  const prose = (wordFirst && !leadingNumber && !CODE_WORDS.has(tok.text)) || afterWord;
  for (let i = p; i < (prose ? p + 1 : c.t.length); i++) {
    // UNION follows a complete query term, never an operator or a clause word ("and union select …").
    const before = c.t[i - 1];
    if (before?.kind === "word" && CODE_WORDS.has(before.text) && before.text !== "end") continue;
    if (unionAt(c, i, !quoted, prose && !quoted) >= 0)
      return { technique: "union", paranoia: 1, evidence: evidence(c, i, unionAt(c, i, false)) };
  }
  if (tok.kind === ";" && quoted && endsAt(c, p + 1) && c.truncated[p + 1])
    return { technique: "comment", paranoia: 1, evidence: evidence(c, 0, p + 1) };
  for (let i = p, depth = 0; i < c.t.length; i++) {
    const k = c.t[i]!.kind;
    if (k === "(") depth++;
    else if (k === ")") depth--;
    else if (k === ";" && depth <= 0) {
      const end = statementAt(c, i + 1);
      const first = c.t[i + 1];
      // SQL Server: a label and a GOTO back to it, a loop that keeps the server busy ("; l: goto l").
      if (first?.kind === "word" && op(c.t[i + 2], ":") && (quoted || leadingNumber || i === p)) {
        const back = c.t
          .slice(i + 3, i + 40)
          .findIndex((x, n, rest) => word(x, "goto") && rest[n + 1]?.text === first.text);
        if (back >= 0) return { technique: "stacked", paranoia: 1, evidence: evidence(c, i, i + 5 + back) };
      }
      // SELECT after a semicolon in prose or code is ambiguous unless the value broke out first.
      if (end >= 0 && (!word(first, "select", "set") || quoted || leadingNumber || i === p))
        return { technique: "stacked", paranoia: 1, evidence: evidence(c, i, end) };
    }
  }
  if (quoted || leadingNumber) {
    const end = statementAt(c, p);
    // Without a ";" (SQL Server runs such batches): certain for EXEC/DECLARE/WAITFOR, else only when a comment or ";" ends the value.
    const closedOff = c.truncated[c.t.length] === true || c.t.some((x) => x.kind === ";");
    if (end >= 0 && !word(tok, "set") && (!word(tok, "select") || quoted))
      return {
        technique: "stacked",
        paranoia: word(tok, "exec", "execute", "declare", "waitfor") || closedOff || namesItsObject(c, p, end) ? 1 : 2,
        evidence: evidence(c, p, end),
      };
  }
  if (word(tok, "order", "group") && word(c.t[p + 1], "by")) {
    const numbered = c.t[p + 2]?.kind === "number";
    let q = p + 3;
    while (c.t[q]?.kind === "," && c.t[q + 1] && c.t[q + 1]!.kind !== ",") q += 2;
    if (word(c.t[q], "asc", "desc")) q++;
    if (word(c.t[q], "having")) {
      const e = readExpression(c.t, q + 1);
      if ((e.comparison || e.truthy) && (quoted || leadingNumber))
        return { technique: "tautology", paranoia: 1, evidence: evidence(c, p, e.end) };
    }
    if (numbered && (endsAt(c, q) || c.tail))
      return { technique: "order-probe", paranoia: quoted || leadingNumber ? 1 : 2, evidence: evidence(c, p, q) };
    if (!numbered && quoted && c.truncated[q])
      return { technique: "order-probe", paranoia: 1, evidence: evidence(c, p, q) };
  }
  // WHERE (or an alias and WHERE: "… as x where …") opened by the value: "where 1=1 and 1=0--".
  const where = word(tok, "where") ? p : word(tok, "as") && word(c.t[p + 2], "where") ? p + 2 : -1;
  if (where >= 0 && (quoted || leadingNumber)) {
    const e = readExpression(c.t, where + 1);
    const literal = c.t.slice(where + 1, e.end).some((x) => x.kind === "number" || x.kind === "string");
    if (e.comparison && literal && (endsAt(c, e.end) || c.tail))
      return { technique: "tautology", paranoia: 1, evidence: evidence(c, p, e.end) };
  }
  if (word(tok, "having") && (quoted || leadingNumber)) {
    const e = readExpression(c.t, p + 1);
    if (e.comparison || e.truthy) return { technique: "tautology", paranoia: 1, evidence: evidence(c, p, e.end) };
    // "' having x": a HAVING clause opened straight after the break-out, ending the value; after a
    // letter the quote is an apostrophe ("the users' having a say").
    const glued = /[a-z]/.test(b.text[b.at - 2] ?? "");
    if (quoted && !glued && e.operands > 0 && endsAt(c, e.end) && (c.tail || c.truncated[e.end] === true))
      return { technique: "tautology", paranoia: 1, evidence: evidence(c, p, e.end) };
  }
  if (word(tok, "procedure") && word(c.t[p + 1], "analyse"))
    return { technique: "error", paranoia: 1, evidence: evidence(c, p, p + 2) };
  if (word(tok, "into") && word(c.t[p + 1], "outfile", "dumpfile"))
    return { technique: "system", paranoia: 1, evidence: evidence(c, p, p + 3) };
  if (op(tok, "::") && quoted && word(c.t[p + 1]))
    return { technique: "error", paranoia: 2, evidence: evidence(c, p, p + 2) };
  const cond = condition(c, p, quoted, leadingNumber);
  if (cond) return cond;
  // A value that is itself a statement: strong only when it names a delay, weak otherwise (code snippets quote SQL).
  if (!quoted && b.at === 0 && tok === c.t[0]) {
    /* handled by the caller for the value's first word */
  }
  // CASE/IF after a numeric or parenthesised value: ORDER BY (CASE WHEN … THEN 1 ELSE 2 END).
  if (!quoted && parens === 0 && p === 0) {
    const e = readExpression(c.t, 0);
    if ((e.caseWhen || e.subquery) && e.comparison)
      return { technique: e.caseWhen ? "conditional" : "subquery", paranoia: 1, evidence: evidence(c, 0, e.end) };
  }
  return null;
}

/**
 * MySQL's implicit conversion: "x'-'" makes the application's "…='x'-''", strings read as numbers,
 * 0 - 0 = 0, and a string column compared to 0 matches every non-numeric value. The whole value is
 * at most one word, its quote, one arithmetic or bit operator, and the quote the application's own
 * closes; prose never ends on a quoted lone operator.
 */
function implicitZero(b: Breakout, c: Code): boolean {
  if (b.context !== "quote" && b.context !== "double-quote") return false;
  const q = b.text[b.text.length - 1]!;
  if (c.t.length !== 2 || !op(c.t[0], "-", "+", "*", "&", "|", "^")) return false;
  const last = c.t[1]!;
  if (last.kind !== "string" || last.text !== q + q || last.end !== b.text.length) return false;
  return !/\s/.test(b.text.slice(0, b.at - 1));
}

/** Findings for one decoded value (lower-cased), strongest first; empty when nothing is SQL. Bounded by the tokenizer's cap. */
export function analyzeSql(value: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<Technique>();
  const add = (f: Finding | null) => {
    if (f && !seen.has(f.technique)) {
      seen.add(f.technique);
      findings.push(f);
    }
  };
  const all = tokenize(value);
  const whole: Breakout = { context: "numeric", at: 0, tokens: all, text: value };
  add(anywhere(codeOf(whole), true));
  const first = all[0];
  // The value is a statement of its own: SELECT of a delay function is an injection; any other statement is weak (SQL quoted in prose or code).
  if (
    word(
      first,
      "select",
      "insert",
      "update",
      "delete",
      "drop",
      "exec",
      "execute",
      "declare",
      "create",
      "alter",
      "truncate",
      "replace",
      "waitfor",
    )
  ) {
    const c = codeOf(whole);
    if (word(first, "select") && c.t[1]?.kind === "word" && TIME_CALLS.has(c.t[1].text))
      add({ technique: "time", paranoia: 1, evidence: evidence(c, 0, 2) });
    else if (
      word(first, "select") &&
      c.t[1]?.kind === "word" &&
      INFO_CALLS.has(c.t[1].text) &&
      c.t[1].text.includes("_") &&
      (endsAt(c, 2) || (c.t[2]?.kind === "(" && c.t[3]?.kind === ")" && endsAt(c, 4)))
    )
      // "select current_user;", "select session_user()": the whole value asks who the database runs as.
      add({ technique: "catalog", paranoia: 1, evidence: evidence(c, 0, 2) });
    else if (word(first, "alter") && statementAt(c, 0) >= 0 && charsetSwitch(c) >= 0)
      // ALTER … CHARACTER SET x / CHARSET x: switching a table's or database's character set.
      add({ technique: "stacked", paranoia: 1, evidence: evidence(c, 0, charsetSwitch(c) + 1) });
    else if (statementAt(c, 0) >= 0)
      add({ technique: "structure", paranoia: 2, evidence: evidence(c, 0, statementAt(c, 0)) });
  }
  // The whole value is a comparison of strings whose last one the application's quote closes: 'a'<>'b
  if (
    first?.kind === "string" &&
    first.closed &&
    all.length === 3 &&
    all[2]!.kind === "string" &&
    !all[2]!.closed &&
    op(all[1], "=", "<>", "!=", "<=>", "<", ">")
  )
    add({ technique: "tautology", paranoia: 1, evidence: value.trim() });
  const leadingNumber =
    first?.kind === "number" ||
    (op(first, "-") && all[1]?.kind === "number") ||
    (first?.kind === "word" && CONTINUATIONS.has(first.text)) ||
    aliasThenWhere(all) ||
    (first?.kind === "(" && groupedOperand(all) > 0 && all[1]?.kind !== "string") ||
    op(first, "||", "&&");
  // The whole value a blind probe that replaces the application's number: ascii(substring(x,1,1))>64.
  const probe = nestedProbe(codeOf(whole));
  if (probe) add(probe);
  for (const b of breakouts(value)) {
    const c = codeOf(b);
    if (b.context !== "numeric") add(anywhere(c, false));
    if (implicitZero(b, c)) add({ technique: "tautology", paranoia: 1, evidence: value.trim() });
    add(afterBreakout(b, leadingNumber && b.context === "numeric"));
  }
  findings.sort((a, b) => a.paranoia - b.paranoia);
  return findings;
}
