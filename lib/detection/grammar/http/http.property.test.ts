// Property tests, one block per technique in TECHNIQUES.md: generated variants of each HTTP
// message technique (line breaks and their encodings, method and target forms, versions, header
// names and values, placements) must fire through the whole engine, and hard benign text
// (multi-line messages, addresses, Markdown, pasted profiles, ordinary request heads) must not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "../../payloads/index.ts";
import { expectRobust } from "../robustness.ts";
import { HARD_BENIGN } from "../test-inputs.ts";
import { HTTP_MESSAGE } from "./detector.ts";
import { HTTP_FRAMING } from "./framing.ts";

type Where = "query" | "name" | "form" | "json" | "header" | "cookie" | "agent";
const WHERE: Where[] = ["query", "name", "form", "json", "header", "cookie", "agent"];

/** The event of a request carrying `value` in `where`; breaks are sent as a client would encode them there. */
function placed(value: string, where: Where, head: Record<string, string> = {}) {
  const get = (url: string, extra: Record<string, unknown> = {}) =>
    normalizeEvent({ url: { original: url }, http: { request: { method: "GET", ...extra } } });
  const post = (body: string, type: string) =>
    normalizeEvent({
      url: { original: "/submit" },
      http: { request: { method: "POST", headers: { "content-type": type, ...head }, body: { content: body } } },
    });
  switch (where) {
    case "query":
      return get(`/p?lang=${encodeURIComponent(value)}`);
    case "name":
      return get(`/p?${encodeURIComponent(value)}=1`);
    case "form":
      return post(`comment=${encodeURIComponent(value)}`, "application/x-www-form-urlencoded");
    case "json":
      return post(JSON.stringify({ comment: value }), "application/json");
    case "header":
      return get("/", { headers: { "x-lang": encodeURIComponent(value) } });
    case "cookie":
      return get("/", { cookie: `lang=${encodeURIComponent(value)}` });
    case "agent":
      return normalizeEvent({
        url: { original: "/" },
        http: { request: { method: "GET" } },
        user_agent: { original: `Mozilla/5.0 ${encodeURIComponent(value)}` },
      });
  }
}

const ids = (event: ReturnType<typeof normalizeEvent>, paranoia: 1 | 2 = 1) => {
  const errors: string[] = [];
  const found = detectPayloads(event, { paranoia, onDetectorError: ({ detector }) => errors.push(detector) });
  expect(errors).toEqual([]);
  return found.map((d) => d.id);
};
const protocolIds = (event: ReturnType<typeof normalizeEvent>, paranoia: 1 | 2 = 1) =>
  ids(event, paranoia).filter((id) => id.startsWith("sn-proto-") || id.startsWith("sn-http-"));

const caseOf = (text: string, upper: boolean[]) =>
  [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
/** Line breaks as they reach the value: CR LF, bare LF or CR, and the wide characters a low-byte decoder turns into them. */
const BREAK = fc.constantFrom("\r\n", "\n", "\r", "\u560d\u560a", "\u560a");
const word = fc.stringMatching(/^[a-tvwyz][a-z0-9]{2,8}$/);
const upper = fc.array(fc.boolean(), { minLength: 1, maxLength: 5 });
const where = fc.constantFrom(...WHERE);

describe("request smuggling: a second request line after a line break", () => {
  it("fires on any registered method, target form and version, in every placement", () => {
    fc.assert(
      fc.property(
        word,
        BREAK.filter((b) => b.length < 3 || b === "\r\n"),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "PATCH"),
        fc.constantFrom("/", "/admin", "/a/b?x=1", "http://internal.example/", "*", "127.0.0.1:8080"),
        fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/2", "http/1.1"),
        upper,
        fc.constantFrom("", "\r\nHost: internal\r\n\r\n", "\nX: y"),
        fc.constantFrom<Where>("query", "form", "json", "header", "cookie", "agent"),
        (lead, br, method, target, version, up, tail, at) => {
          const line = `${caseOf(method, up)} ${target} ${version}`;
          expect(protocolIds(placed(`${lead}${br}${br}${line}${tail}`, at))).toContain("sn-proto-request-smuggling");
        },
      ),
      { numRuns: 200 },
    );
  });
  it("fires on a value that is a request line and its header block, or one whole request line", () => {
    expect(protocolIds(placed("POST /login HTTP/1.1\r\nHost: a.example", "form"))).toContain(
      "sn-proto-request-smuggling",
    );
    expect(protocolIds(placed("GET http://internal.example/ HTTP/1.0", "query"))).toContain(
      "sn-proto-request-smuggling",
    );
  });
});

describe("response splitting and header injection: a header or a response after a line break", () => {
  const NAMES = [
    "Set-Cookie: sid=1",
    "Set-Cookie:x",
    "Content-Type: text/html",
    "Content-Length: 0",
    "X-XSS-Protection: 0",
    "Access-Control-Allow-Origin: *",
    "X-Forwarded-For: 10.0.0.1",
    "X-Forwarded-Host: evil.example",
    "Transfer-Encoding: chunked",
    "Location: https://evil.example/",
    "Location: //evil.example",
    "Refresh: 0; url=https://evil.example/",
    "Host: 10.0.0.1:8080",
    "Link: <https://evil.example/a.css>; rel=stylesheet",
    "Cookie: admin=1",
  ];
  it("fires on a header a response or a proxy acts on, any case, in every placement", () => {
    fc.assert(
      fc.property(word, BREAK, fc.constantFrom(...NAMES), upper, where, (lead, br, header, up, at) => {
        expect(protocolIds(placed(`${lead}${br}${caseOf(header, up)}`, at))).toContain("sn-proto-header-injection");
      }),
      { numRuns: 250 },
    );
  });
  it("fires on a status line, and on a page after a blank line (also a line of spaces, also chunked)", () => {
    fc.assert(
      fc.property(
        word,
        BREAK,
        fc.constantFrom(
          "HTTP/1.1 200 OK",
          "http/1.0 302 Found",
          "\n<html><body>x</body></html>",
          " \n<script>a()</script>",
          "\n1c\r\n<svg onload=a()>",
        ),
        where,
        (lead, br, tail, at) => {
          const text = `${lead}${br}${tail.replace(/\n/g, br)}`;
          expect(protocolIds(placed(text, at))).toContain("sn-proto-header-injection");
        },
      ),
      { numRuns: 150 },
    );
  });
  it("reads a word-named header (Location, Host) by its value's grammar in a body, by the name in a parameter name", () => {
    expect(protocolIds(placed("Name: Ann\nLocation: Berlin, Germany", "form"))).toEqual([]);
    expect(protocolIds(placed("Name: Ann\nLocation: https://evil.example/", "form"))).toContain(
      "sn-proto-header-injection",
    );
    expect(protocolIds(placed("x\r\nLocation:", "name"))).toContain("sn-proto-header-injection");
  });
});

describe("a line break in a parameter or cookie name", () => {
  it("fires on any break in a query parameter's name", () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom("%0d%0a", "%0a", "%0d", "%250d%250a"), (a, b, br) => {
        const event = normalizeEvent({ url: { original: `/p?${a}${br}${b}=1` }, http: { request: { method: "GET" } } });
        expect(protocolIds(event)).toContain("sn-http-name-line-break");
      }),
      { numRuns: 50 },
    );
    const form = normalizeEvent({
      url: { original: "/submit" },
      http: { request: { method: "POST", body: { content: "a%0d%0ab=1&c=2" } } },
    });
    expect(protocolIds(form)).toContain("sn-http-name-line-break");
    const json = normalizeEvent({
      url: { original: "/api" },
      http: { request: { method: "POST", body: { content: '{"a\\nb": 1}' } } },
    });
    expect(protocolIds(json)).toContain("sn-http-name-line-break");
  });
});

describe("the query string as parsers disagree on it (paranoia 2 and up)", () => {
  const url = (original: string) => normalizeEvent({ url: { original }, http: { request: { method: "GET" } } });
  const at = (original: string, level: 1 | 2 | 3 | 4) =>
    detectPayloads(url(original), { paranoia: level })
      .map((d) => d.id)
      .filter((id) => id.startsWith("sn-http-"));
  it("reads a line break in a query value at paranoia 2, not in a body", () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom("%0d", "%0a", "%0a%0d", "%0d%0a"), (a, b, br) => {
        expect(at(`/p?x=${a}${br}${b}`, 2)).toContain("sn-http-query-line-break");
        expect(at(`/p?x=${a}${br}${b}`, 1)).not.toContain("sn-http-query-line-break");
      }),
      { numRuns: 40 },
    );
    const form = normalizeEvent({
      url: { original: "/submit" },
      http: { request: { method: "POST", body: { content: "note=line%0d%0anext" } } },
    });
    expect(detectPayloads(form, { paranoia: 4 }).map((d) => d.id)).not.toContain("sn-http-query-line-break");
  });
  it("reads a repeated name at paranoia 3 (not a[] lists), text after a bracket at 3, array notation at 4", () => {
    fc.assert(
      fc.property(word, word, word, (name, v1, v2) => {
        expect(at(`/p?${name}=${v1}&z=1&${name}=${v2}`, 3)).toContain("sn-http-parameter-pollution");
        expect(at(`/p?${name}=${v1}&z=1&${name}=${v2}`, 2)).not.toContain("sn-http-parameter-pollution");
        expect(at(`/p?${name}[]=${v1}&${name}[]=${v2}`, 3)).toEqual([]);
        expect(at(`/p?${name}[1]${v1}=1`, 3)).toContain("sn-http-parameter-bracket-text");
        expect(at(`/p?${name}[${v1}]=1`, 4)).toContain("sn-http-parameter-array");
      }),
      { numRuns: 40 },
    );
    expect(at("/p?a=1&b=2&c=3", 4)).toEqual([]);
  });
});

describe("a request target with a scheme other than HTTP (through a proxy)", () => {
  const target = (original: string) => normalizeEvent({ url: { original }, http: { request: { method: "GET" } } });
  it("fires on file:, unix:, gopher: and other schemes in any case, and not on http(s) or a path", () => {
    fc.assert(
      fc.property(fc.constantFrom("file", "unix", "gopher", "dict", "jar", "ldap", "ftp", "php"), upper, (s, up) => {
        expect(ids(target(`${caseOf(s, up)}:/x`))).toContain("sn-ssrf-proxy-target-scheme");
      }),
      { numRuns: 40 },
    );
    for (const original of ["https://shop.example/a?b=1", "http://x.example/", "/a:b", "/api/v1/items:batch", "*"])
      expect(ids(target(original))).not.toContain("sn-ssrf-proxy-target-scheme");
  });
});

describe("the request head: framing, malformed headers, version, method, ranges", () => {
  const head = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    normalizeEvent({ url: { original: "/upload" }, http: { ...extra, request: { method: "POST", headers } } });
  it("fires on Transfer-Encoding with Content-Length, obfuscated codings and bad lengths", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("chunked", "gzip, chunked", "Chunked"),
        fc.integer({ min: 0, max: 99_999 }),
        (te, length) => {
          expect(protocolIds(head({ "transfer-encoding": te, "content-length": String(length) }))).toContain(
            "sn-http-framing-conflict",
          );
        },
      ),
      { numRuns: 50 },
    );
    for (const te of ["chunked\t,", "xchunked", "chunked, identity", "chunk", "chunked;q=1", "identity"])
      expect([te, protocolIds(head({ "Transfer-Encoding": te }))]).toEqual([te, ["sn-http-framing-conflict"]]);
    expect(protocolIds(head({ "content-length": ["5", "6"] as unknown as string }))).toContain(
      "sn-http-framing-conflict",
    );
    expect(protocolIds(head({ "Content-Length": "5", "content-length": "6" }))).toContain("sn-http-framing-conflict");
    expect(protocolIds(head({ "content-length": ["5", "5"] as unknown as string }))).toEqual([]);
    for (const length of ["10, 11", "+5", "0x10", "5 5"])
      expect([length, protocolIds(head({ "Content-Length": length }))]).toEqual([length, ["sn-http-framing-conflict"]]);
  });
  it("fires on obs-fold, NUL and a field name that is not a token", () => {
    expect(protocolIds(head({ "x-note": "a\r\n b" }))).toContain("sn-http-malformed-header");
    expect(protocolIds(head({ "x-note": "a\u0000b" }))).toContain("sn-http-malformed-header");
    expect(protocolIds(head({ "x-note": "a\nb" }))).toContain("sn-http-malformed-header");
    for (const name of ["Transfer-Encoding ", "x note", "a:b", "x\r\ny"])
      expect([name, protocolIds(head({ [name]: "1" })).includes("sn-http-malformed-header")]).toEqual([name, true]);
  });
  it("fires on versions other than 1.0, 1.1, 2 and 3, and on a method that is not a token", () => {
    for (const version of ["0.9", "1.2", "HTTP/9.9", "1.1 x", "11"])
      expect([version, protocolIds(head({}, { version }))]).toEqual([version, ["sn-http-invalid-version"]]);
    for (const method of ["GET / HTTP/1.1", "G\r\nET", "GET\u0000"]) {
      const event = normalizeEvent({ url: { original: "/" }, http: { request: { method } } });
      expect(protocolIds(event)).toContain("sn-http-invalid-method");
    }
  });
  it("fires on a multipart body whose boundary is missing, doubled or outside RFC 2046", () => {
    const multipart = (type: string) =>
      normalizeEvent({
        url: { original: "/upload" },
        http: { request: { method: "POST", headers: { "content-type": type }, body: { content: "--a\r\n\r\nx" } } },
      });
    for (const type of [
      "multipart/form-data",
      "multipart/form-data; boundary=a; boundary=b",
      "multipart/form-data; boundary=a boundary=b",
      `multipart/form-data; boundary=${"a".repeat(71)}`,
      'multipart/form-data; boundary="a "',
      "multipart/form-data; boundary=a<b>",
    ])
      expect([type, protocolIds(multipart(type))]).toEqual([type, ["sn-http-multipart-confusion"]]);
    fc.assert(
      // Quoted: any RFC 2046 bchar; bare: a token (RFC 2045 §5.1: no "(),/:=?").
      fc.property(fc.stringMatching(/^[0-9A-Za-z'()+_,./:=?-]{1,70}$/), fc.boolean(), (boundary, quoted) => {
        const bare = boundary.replace(/[(),/:=?]/g, "_");
        const type = `multipart/form-data; boundary=${quoted ? `"${boundary}"` : bare}`;
        expect(protocolIds(multipart(type))).not.toContain("sn-http-multipart-confusion");
      }),
      { numRuns: 100 },
    );
  });
  it("fires on many overlapping byte ranges, and at paranoia 2 on six or more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 200 }), (n) => {
        const ranges = Array.from({ length: n }, (_, k) => `0-${k + 1}`).join(",");
        expect(protocolIds(head({ range: `bytes=${ranges}` }))).toContain("sn-http-range-abuse");
      }),
      { numRuns: 30 },
    );
    expect(protocolIds(head({ range: "bytes=0-1,10-11,20-21,30-31,40-41,50-51" }))).toEqual([]);
    expect(protocolIds(head({ range: "bytes=0-1,10-11,20-21,30-31,40-41,50-51" }), 2)).toContain("sn-http-range-many");
  });
});

describe("hard benign: text with newlines, ordinary request heads", () => {
  const MULTI_LINE = [
    "Hello team,\n\nThe meeting moved to 3pm.\nLocation: Berlin office, room 4\nHost: Ann\n\nThanks,\nBob",
    "Ann Smith\n12 Main Street\nSpringfield, IL 62701\nUSA",
    "# Release notes\n\n- fixed login\n- **faster** search\n\n```js\nconst a = 1;\n```",
    "Name: Ann\nLocation: Paris\nWebsite: ann.example\nCookie: chocolate chip",
    "Steps:\n1. GET the page\n2. POST the form\nResult: 200 OK",
    "Dear Sir,\r\nTo whom it may concern: the order is late.\r\nDate: Monday\r\nFrom: Ann",
    "I tried curl and got\nHTTP status 404 and no body",
    "line one\r\n\r\nline two <b>bold</b>",
    "Roses are red\nViolets are blue\nVia: the garden\nExpires: never",
    "Q: how do I set a header?\nA: use res.setHeader('Content-Type', ...) in Node",
  ];
  it("stays quiet on multi-line messages, addresses, Markdown and prose, in every placement", () => {
    for (const text of [...MULTI_LINE, ...HARD_BENIGN])
      for (const at of ["form", "json"] as const)
        expect([text, at, protocolIds(placed(text, at))]).toEqual([text, at, []]);
    for (const text of HARD_BENIGN.filter((t) => !t.includes("\n")))
      for (const at of WHERE) expect([text, at, protocolIds(placed(text, at))]).toEqual([text, at, []]);
  });
  it("stays quiet on ordinary request heads", () => {
    const heads: Record<string, string>[] = [
      { "transfer-encoding": "chunked" },
      { "Transfer-Encoding": "gzip, chunked" },
      { "content-length": "1024" },
      { "Content-Length": "12, 12" },
      { range: "bytes=0-499" },
      { range: "bytes=0-99,200-299,-500" },
      { "x-forwarded-for": "203.0.113.7, 10.0.0.1" },
      { "accept-language": "en-US,en;q=0.9" },
      { ":authority": "shop.example", ":path": "/a?b=1", ":method": "PUT", ":scheme": "https" },
    ];
    for (const headers of heads)
      for (const version of ["1.1", "1.0", "2", "2.0", "3", "HTTP/1.1", "HTTP/2", "h2", "-"]) {
        const event = normalizeEvent({
          url: { original: "/" },
          http: { version, request: { method: "PUT", headers } },
        });
        expect([headers, version, protocolIds(event, 2)]).toEqual([headers, version, []]);
      }
  });
  it("is robust", () =>
    expectRobust(
      [...HTTP_MESSAGE, ...HTTP_FRAMING],
      ["\r\n", "\n", "\n ", "\na:", "\r\n\r\n", "get / http/1.1\r\n", "\u560a", "x-forwarded-for: 1,"],
    ));
});
