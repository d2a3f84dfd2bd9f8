// No blind spot by size or shape (issue 20): every value is read whole, in every shape it comes
// in and under every encoding layer, or what was not read is reported. The properties place an
// attack anywhere (any offset of a long benign value, any JSON depth, any multipart part, any
// header, any encoding) and expect the detection it raises alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "@/lib/detection/event.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";
import { BUDGET, inputsOf, UNINSPECTED } from "./inputs.ts";

const event = (doc: { http?: { request?: object }; [key: string]: unknown }): NormalizedEvent =>
  normalizeEvent({
    url: { original: "/" },
    ...doc,
    http: { request: { method: "POST", ...doc.http?.request } },
  } as never);
const ids = (e: NormalizedEvent) => detectPayloads(e).map((d) => d.id);
const body = (content: string, headers?: Record<string, string>) =>
  event({ http: { request: { method: "POST", body: { content }, ...(headers ? { headers } : {}) } } });

/** Our own examples of each technique, one per class, with the detection each raises alone. */
const ATTACKS = [
  { text: "' union select password from users--", id: "sn-sqli-union" },
  { text: "<script>alert(document.domain)</script>", id: "sn-xss-script-tag" },
  { text: "; cat /etc/passwd", id: "sn-cmdi-chain" },
  { text: "../../../../etc/shadow", id: "sn-lfi-traversal" },
];

const ENCODINGS: [string, (s: string) => string][] = [
  ["none", (s) => s],
  ["percent", (s) => encodeURIComponent(s)],
  ["double percent", (s) => encodeURIComponent(encodeURIComponent(s))],
  ["base64", (s) => Buffer.from(s).toString("base64")],
  ["base64url", (s) => Buffer.from(s).toString("base64url")],
  ["hex", (s) => Buffer.from(s).toString("hex")],
  ["entities", (s) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join("")],
  ["json escapes", (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
];

const benignText = fc.stringMatching(/^[a-z ]{0,40}$/);
const attack = fc.constantFrom(...ATTACKS);

describe("every value is read whole", () => {
  it("finds an attack at any offset of a long value, in every field, as it finds it in a short one", () => {
    const places: [number, (value: string) => NormalizedEvent][] = [
      [60_000, (v) => body(`comment=${encodeURIComponent(v)}`)],
      [64_000, (v) => body(v)],
      [7_900, (v) => event({ url: { original: `/search?q=${v}` } })],
      [7_900, (v) => event({ url: { original: `/${v}` } })],
      [2_000, (v) => event({ user_agent: { original: `Mozilla/5.0 ${v}` } })],
      [16_000, (v) => event({ http: { request: { headers: { "x-note": v } } } })],
      [16_000, (v) => event({ http: { request: { cookie: `a=b; note=${v}` } } })],
      [16_000, (v) => event({ http: { request: { referrer: `https://example.com/?q=${v}` } } })],
    ];
    fc.assert(
      fc.property(
        attack,
        fc.constantFrom(...places),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ text }, [size, place], at) => {
          const pad = "lorem ipsum dolor ".repeat(Math.ceil(size / 18)).slice(0, size - text.length - 2);
          const offset = Math.floor(at * pad.length);
          const padded = `${pad.slice(0, offset)} ${text} ${pad.slice(offset)}`;
          // Alone in its close context: detectors weigh what touches a payload, not what is kilobytes away.
          const near = `${pad.slice(Math.max(0, offset - 40), offset)} ${text} ${pad.slice(offset, offset + 40)}`;
          expect(ids(place(padded))).toEqual(expect.arrayContaining(ids(place(near))));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("hands no detector a value longer than a window", () => {
    const inputs = inputsOf(body(`<p>${"a".repeat(70_000)}</p>`));
    for (const input of inputs) expect(input.raw.length).toBeLessThanOrEqual(BUDGET.window);
  });

  it("reports what it could not read, naming the field and size, and still reads head and tail", () => {
    const huge = `${"<!-- x -->".repeat(20)}; cat /etc/passwd ${"a".repeat(200_000)} <script>alert(1)</script>`;
    const found = detectPayloads(event({ http: { request: { headers: { "x-note": huge } } } }));
    const uninspected = found.find((d) => d.id === "sn-uninspected-oversized-input");
    expect(uninspected).toMatchObject({ category: "protocol", field: "http.request.headers" });
    expect(uninspected!.reason).toMatch(/\d+ characters not inspected/);
    expect(found.map((d) => d.id)).toEqual(expect.arrayContaining(["sn-cmdi-chain", "sn-xss-script-tag"]));
  });

  it("reports nothing uninspected on values within the request limits", () => {
    const e = event({
      url: { original: `/search?q=${"a".repeat(8000)}` },
      user_agent: { original: "b".repeat(2048) },
      http: { request: { body: { content: `text=${"c ".repeat(32_000)}` } } },
    });
    expect(inputsOf(e).filter((i) => i.part.endsWith(UNINSPECTED))).toEqual([]);
  });
});

describe("every shape is read", () => {
  const nest = (depth: number, leaf: unknown): unknown =>
    Array.from({ length: depth }).reduce<unknown>((inner, _, n) => (n % 2 ? [inner] : { [`k${n}`]: inner }), leaf);

  it("finds an attack at any JSON depth, as a key or a value, or inside JSON held in a string", () => {
    fc.assert(
      fc.property(attack, fc.integer({ min: 0, max: 30 }), fc.boolean(), ({ text, id }, depth, asKey) => {
        const leaf = asKey ? { [text]: 1 } : text;
        expect(ids(body(JSON.stringify({ a: 1, b: nest(depth, leaf) })))).toContain(id);
        expect(ids(body(JSON.stringify({ data: JSON.stringify(nest(depth, leaf)) })))).toContain(id);
      }),
      { numRuns: 30 },
    );
  });

  it("finds an attack in any part of a multipart body, by header or sniffed boundary, nested too", () => {
    fc.assert(
      fc.property(attack, fc.integer({ min: 0, max: 20 }), fc.boolean(), ({ text, id }, at, header) => {
        const parts = Array.from({ length: 21 }, (_, n) =>
          [
            "--XyZ123",
            `Content-Disposition: form-data; name="f${n}"`,
            "",
            n === at ? `hello ${text}` : `value ${n}`,
          ].join("\r\n"),
        );
        const inner = ["--In1", 'Content-Disposition: form-data; name="deep"', "", `x ${text}`, "--In1--"].join("\r\n");
        if (at === 20)
          parts[20] = [
            "--XyZ123",
            'Content-Disposition: form-data; name="outer"',
            "Content-Type: multipart/mixed; boundary=In1",
            "",
            inner,
          ].join("\r\n");
        const content = `${parts.join("\r\n")}\r\n--XyZ123--\r\n`;
        const headers = header ? { "content-type": "multipart/form-data; boundary=XyZ123" } : undefined;
        expect(ids(body(content, headers))).toContain(id);
      }),
      { numRuns: 20 },
    );
  });

  it("finds an attack in any header, name or value", () => {
    fc.assert(
      fc.property(attack, fc.stringMatching(/^x-[a-z]{1,12}$/), ({ text, id }, name) => {
        expect(ids(event({ http: { request: { headers: { accept: "*/*", [name]: text } } } }))).toContain(id);
      }),
      { numRuns: 20 },
    );
  });

  it("finds an attack under any encoding layer, in a query value, a form value and a cookie", () => {
    fc.assert(
      fc.property(attack, fc.constantFrom(...ENCODINGS), benignText, ({ text, id }, [, encode], before) => {
        const value = encode(text);
        expect(ids(event({ url: { original: `/p?q=${encodeURIComponent(value)}` } }))).toContain(id);
        expect(ids(body(`x=${encodeURIComponent(before)}&q=${encodeURIComponent(value)}`))).toContain(id);
        expect(ids(event({ http: { request: { cookie: `s=${encodeURIComponent(value)}` } } }))).toContain(id);
      }),
      { numRuns: 40 },
    );
  });

  it("finds a base64 token inside a longer value", () => {
    const token = Buffer.from("<script>alert(document.cookie)</script>").toString("base64");
    expect(ids(event({ http: { request: { headers: { authorization: `Bearer ${token}` } } } }))).toContain(
      "sn-xss-script-tag",
    );
  });

  it("reads XML attribute values, text, CDATA and the DOCTYPE as one input", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap:Envelope><a b="1 &lt;script&gt;alert(1)&lt;/script&gt;"/><![CDATA[' union select 1,2--]]></soap:Envelope>`;
    const inputs = inputsOf(body(xml));
    expect(inputs.find((i) => i.part === "#doctype")?.raw).toContain("<!ENTITY e SYSTEM");
    expect(inputs.map((i) => i.part)).toEqual(expect.arrayContaining(["@b", "#cdata"]));
    expect(ids(body(xml))).toEqual(expect.arrayContaining(["sn-xss-script-tag", "sn-sqli-union"]));
  });

  it("reads path segments, path parameters, the fragment, bracketed and repeated names, UTF-7, overlong UTF-8", () => {
    const parts = inputsOf(event({ url: { original: "/a/b%3Cc;jsessionid=abc/d?x[y][z]=1&x[y][z]=2#frag%3C" } }));
    expect(parts.map((i) => `${i.part}=${i.decoded}`)).toEqual(
      expect.arrayContaining(["path#segment=b<c", "jsessionid=abc", "x[y][z]#name=x[y][z]", "#fragment=frag<"]),
    );
    expect(ids(event({ url: { original: "/p?q=%2BADw-script%2BAD4-alert(1)%2BADw-/script%2BAD4-" } }))).toContain(
      "sn-xss-script-tag",
    );
    expect(inputsOf(event({ url: { original: "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd" } }))[0]!.decoded).toBe(
      "/../../etc/passwd",
    );
  });
});

describe("bounds", () => {
  const timed = (e: NormalizedEvent) => {
    const started = performance.now();
    expect(() => detectPayloads(e)).not.toThrow();
    return performance.now() - started;
  };
  const best = (e: NormalizedEvent) => Math.min(timed(e), timed(e), timed(e));

  it("scores an event with values at every cap, deep JSON and a many-part multipart body in bounded time", () => {
    const words = "the quick brown fox jumps over the lazy dog, 42 times! ";
    const fill = (n: number) => words.repeat(Math.ceil(n / words.length)).slice(0, n);
    const deep = JSON.stringify(
      Array.from({ length: 30 }).reduce<unknown>((inner, _, n) => ({ [`k${n}`]: [inner, fill(200)] }), "x"),
    );
    const parts = Array.from(
      { length: 200 },
      (_, n) => `--b\r\nContent-Disposition: form-data; name="p${n}"\r\n\r\n${fill(250)}`,
    );
    const e = event({
      url: { original: `/${fill(3000).replace(/\W/g, "/")}?q=${encodeURIComponent(fill(4900))}` },
      user_agent: { original: fill(2048) },
      http: {
        request: {
          body: { content: `${parts.join("\r\n")}\r\n--b--`.slice(0, 65_000) },
          referrer: `https://example.com/?q=${encodeURIComponent(fill(6000))}`,
          cookie: Array.from({ length: 40 }, (_, n) => `c${n}=${encodeURIComponent(fill(100))}`).join("; "),
          headers: {
            "content-type": "multipart/form-data; boundary=b",
            ...Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`x-h${n}`, fill(500)])),
          },
        },
      },
    });
    // About 100-200 ms on an idle core (the detectors' cost on 100 KB of text that passes the
    // pre-check); the bound is loose because the test machine is shared.
    expect(best(e)).toBeLessThan(1000);
    expect(best(body(deep))).toBeLessThan(300);
  });

  it("bounds the work on hostile events by the budget, not by their size", () => {
    const parts = Array.from(
      { length: 2000 },
      (_, n) => `--b\r\nContent-Disposition: form-data; name="p${n}"\r\n\r\n${"v%3C".repeat(30)}`,
    );
    const heavy = [
      body(`${'{"a":['.repeat(5000)}"' union select 1--"${"]}".repeat(5000)}`),
      body(`${parts.join("\r\n")}\r\n--b--`, { "content-type": "multipart/form-data; boundary=b" }),
      event({
        url: { original: `/${"a%2f".repeat(2000)}?${"q=%3Cx&".repeat(1100)}` },
        http: {
          request: {
            body: { content: Buffer.from("'\"<>;|".repeat(8000)).toString("base64").slice(0, 65_536) },
            cookie: "a=b; ".repeat(4000),
            headers: Object.fromEntries(Array.from({ length: 200 }, (_, n) => [`x-h${n}`, "=\\x3c".repeat(2000)])),
          },
        },
      }),
    ];
    for (const e of heavy) {
      expect(inputsOf(e).length).toBeLessThanOrEqual(BUDGET.inputs + 8);
      expect(inputsOf(e).reduce((sum, i) => sum + i.raw.length, 0)).toBeLessThanOrEqual(BUDGET.bytes + 1024);
      // The budget holds the cost of the slowest text known to the detectors to about a second.
      expect(best(e)).toBeLessThan(3000);
    }
  });

  it("never throws on arbitrary bytes in any field", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), (text) => {
        for (const e of [
          body(text),
          body(`--b\r\n${text}`, { "content-type": "multipart/form-data; boundary=b" }),
          body(`<a>${text}</a>`),
          event({
            url: { original: `/${text}` },
            http: { request: { cookie: text, headers: { [text.slice(0, 9) || "x"]: text } } },
          }),
        ])
          expect(() => inputsOf(e)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
