// Paranoia 2-3 SQL injection detectors: fragments of injections that must fire once an admin
// raises the level, hard benign text that must stay quiet even then, and nothing at level 1.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { decode, sqlView } from "./decode.ts";
import { detectPayloads } from "./index.ts";
import { SQLI_PARANOID } from "./sqli-paranoid.ts";

const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const json = (value: unknown) =>
  normalizeEvent({
    url: { original: "/api" },
    http: { request: { method: "POST", body: { content: JSON.stringify(value) } } },
  });
const MINE = new Set(SQLI_PARANOID.map((d) => d.id));
const ids = (e: ReturnType<typeof query>, paranoia: 1 | 2 | 3 = 2) => detectPayloads(e, { paranoia }).map((d) => d.id);
const mine = (e: ReturnType<typeof query>, paranoia: 1 | 2 | 3 = 2) => ids(e, paranoia).filter((id) => MINE.has(id));

describe("paranoid SQL injection detectors", () => {
  it.each([
    // AND/OR chained onto the application's WHERE
    ["sn-sqli-chained-condition", "and 31=47)"],
    ["sn-sqli-chained-condition", "or status = '"],
    ["sn-sqli-chained-condition", "||(flag!="],
    ["sn-sqli-chained-condition", "&&(k=!1)"],
    ["sn-sqli-chained-condition", 'and ( title = "'],
    ["sn-sqli-chained-condition", "guest' or 7<"],
    ["sn-sqli-chained-condition", "xor 12>"],
    ["sn-sqli-chained-condition", '"xor qwerty!'],
    // A new statement where a value should be
    ["sn-sqli-chained-statement", "; insert into"],
    ["sn-sqli-chained-statement", ";update accounts"],
    ["sn-sqli-chained-statement", "--drop"],
    ["sn-sqli-chained-statement", " set @saved_mode"],
    ["sn-sqli-chained-statement", "(select"],
    // Nothing but an operator
    ["sn-sqli-operator-value", "<=>"],
    ["sn-sqli-operator-value", "is not null"],
    ["sn-sqli-operator-value", "not like"],
    ["sn-sqli-operator-value", "in (7, 8, 9)"],
    ["sn-sqli-operator-value", "rlike"],
    // Quotes glued to AND/OR, escaped-quote break-outs
    ["sn-sqli-quote-connector", "zed'or'zed"],
    ["sn-sqli-quote-connector", '\\"and"2'],
    ["sn-sqli-quote-connector", "x\\' or 5"],
    ["sn-sqli-quote-connector", "me@example.org\\'and guess (pw)--"],
    ["sn-sqli-quote-connector", "9' and user_exists(pw) and 'ok"],
    // Unbalanced quote, then UNION or DDL
    ["sn-sqli-quote-keyword", "'union q"],
    ["sn-sqli-quote-keyword", '" alter t'],
    ["sn-sqli-quote-keyword", "5' drop/"],
    // Aliases, SELECT of functions
    ["sn-sqli-alias-from", ") as total from"],
    ["sn-sqli-alias-from", "` as `owner_id` from"],
    ["sn-sqli-alias-from", '77 as "n" from stock'],
    ["sn-sqli-alias-from", "select concat("],
    ["sn-sqli-alias-from", "select (case"],
    // FROM / WHERE / ORDER BY clauses
    ["sn-sqli-from-clause", "from `shop`.`orders` limit"],
    ["sn-sqli-from-clause", "from invoices where total > 100"],
    ["sn-sqli-from-clause", "from audit group by actor"],
    ["sn-sqli-from-clause", "group by"],
    // SQL Server and friends
    ["sn-sqli-server-objects", "xp_regwrite"],
    ["sn-sqli-server-objects", "opendatasource"],
    ["sn-sqli-server-objects", "nvarchar(max)"],
    // Tautologies as the whole value
    ["sn-sqli-same-sides", "7=7"],
    ["sn-sqli-same-sides", "q,3=3"],
    ["sn-sqli-same-sides", "9 like 9"],
    ["sn-sqli-same-sides", "bob' and pw glob pw;"],
    ["sn-sqli-same-sides", "'guest', 'z'='z'"],
    // Comments as whitespace
    ["sn-sqli-comment-obfuscation", "trunc/**/ate/**/logs"],
    ["sn-sqli-comment-obfuscation", "drop/*x*/orders"],
    ["sn-sqli-comment-obfuscation", "select /*!50000 2*/ from t"],
    ["sn-sqli-comment-obfuscation", "drop ledger;--"],
    ["sn-sqli-comment-obfuscation", "or 3#"],
    ["sn-sqli-comment-obfuscation", "5='5' and-- x"],
    // Set operators, row constructors
    ["sn-sqli-set-operators", "in (select * from"],
    ["sn-sqli-set-operators", "intersect select.3,4"],
    ["sn-sqli-set-operators", "values ('10.0.0.9', 'x')"],
    ["sn-sqli-set-operators", "' or true; more"],
    ["sn-sqli-set-operators", "select 0x6f6b"],
    ["sn-sqli-set-operators", "code = 'q', 0x2f"],
    // Quote then operator at the start
    ["sn-sqli-quote-probe", "' * rows = 2 or '3"],
    ["sn-sqli-quote-probe", "'? & = --"],
    ["sn-sqli-quote-probe", "' or marge 7"],
  ])("%s fires on %s at paranoia 2", (id, payload) => {
    expect(ids(query(payload))).toContain(id);
    expect(ids(json({ q: payload }))).toContain(id);
  });

  it.each([
    ["sn-sqli-quote-edge", "`>72"],
    ["sn-sqli-quote-edge", '":41'],
    ["sn-sqli-quote-edge", "'3:2:1"],
    ["sn-sqli-quote-edge", '"88*2'],
    ["sn-sqli-quote-edge", "'][1]]), f($x['"],
  ])("%s fires on %s at paranoia 3 only", (id, payload) => {
    expect(ids(query(payload), 3)).toContain(id);
    expect(ids(query(payload), 2)).not.toContain(id);
  });

  it("reads form fields of a body no parser split, and the user agent for strong signals", () => {
    const raw = normalizeEvent({
      url: { original: "/post" },
      http: { request: { method: "POST", body: { content: "q%3Dand+41%3D42%29" } } },
    });
    expect(ids(raw)).toContain("sn-sqli-chained-condition");
    const agent = normalizeEvent({ url: { original: "/" }, user_agent: { original: "7' and has_role(pw) and 'yes" } });
    expect(ids(agent)).toContain("sn-sqli-quote-connector");
  });

  it("reads typographic quotes as ASCII ones", () => {
    expect(ids(query("x\u2019or\u2019x"))).toContain("sn-sqli-quote-connector");
  });

  it("stays silent at paranoia 1", () => {
    for (const payload of [
      "and 31=47)",
      ") as total from",
      "is not null",
      "zed'or'zed",
      "from invoices where total > 100",
      "xp_regwrite",
      "drop/*x*/orders",
      "`>72",
    ]) {
      expect(mine(query(payload), 1)).toEqual([]);
      expect(mine(json({ q: payload }), 1)).toEqual([]);
    }
  });

  it.each([
    "Or else! — the villain said",
    "or maybe not",
    "And yes = good enough for me",
    "'Hello' and goodbye!",
    '"Delete" or "Remove" = same thing',
    "5 or 6 > 3 in most cases",
    "temperature < 0 or > 40 is extreme",
    "Is 2+2=4? Yes. Or 5? No.",
    "1 + 1 = 2 and 2 * 3 = 6",
    "It's a 1=1 kind of deal: simple and fair",
    "Use && to chain commands in bash: make && make install",
    "if (a && b == c) return;",
    "Students' union meeting at 5",
    '"union station" is the nearest stop',
    "I can't update my profile; drop me a line -- Bob",
    "drop table 4 from the reservation please",
    "known as Bob from accounting",
    "(see above) as seen from the hill",
    'The "best" as voted from readers',
    "I ordered from Amazon order by Friday",
    "I moved from Boston where it is cold",
    "keep away from speed limit",
    "Order by date, then group by customer",
    "Our values ('trust', 'care') guide us",
    "in (stock)",
    "like new",
    "the result is null and void, she said",
    "this is like no other",
    "who is who",
    "f(a='x', b='y')",
    "words like 'cat', 'dog' and 'bird'",
    "i;--j",
    "int x = 1; /* select the item */",
    "/*! normalize.css v8.0.1 | MIT License */",
    'She said \\"hi\\" and left',
    "I watched 'Heat' and Ronin (1998)",
    "my nvarchar column is too short",
    "'*' is a wildcard",
    '"= sign" in Excel',
    "mother or daughter",
    "bob's or alice's",
    "email me at joe@example.com or jane@example.com",
    "set @home as default",
    "--drop-caches",
    "in (select few) countries",
    "except select members",
    "execute the plan",
    "Привет 'мир' или \"нет\"",
  ])("stays quiet at paranoia 2 on %s", (text) => {
    expect(mine(query(text))).toEqual([]);
    expect(mine(json({ comment: text }))).toEqual([]);
  });

  it.each(["'90s music is the best", '"27" monitor', '"= sign" in Excel', '"quoted" word', "'n' roll"])(
    "stays quiet at paranoia 3 on %s",
    (text) => {
      expect(mine(query(text), 3)).toEqual([]);
    },
  );

  it("stays fast on 16 KB adversarial inputs", () => {
    for (const seed of [
      "'",
      '"',
      "' or ",
      "and 1",
      "/**/",
      "/*a*/b",
      "from x ",
      " as x from",
      "'a'='a',",
      "in (1,",
      "\\'",
      "`>",
      "x=",
      "&& (",
    ]) {
      const decoded = decode(seed.repeat(Math.ceil(16_384 / seed.length)).slice(0, 16_384));
      const input = { field: "http.request.body.content", part: "q", raw: decoded, decoded };
      const sql = sqlView(decoded);
      const started = performance.now();
      for (const detector of SQLI_PARANOID) detector.match(input, sql);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
