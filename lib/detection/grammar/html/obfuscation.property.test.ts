// Property tests for the techniques that hide a script-capable value from a filter rather than
// write it plainly (TECHNIQUES.md T4, T5, T8, T10): a script scheme spelled with references,
// escapes or controls and nothing after it; link and base elements that retarget the page; the
// tags old IE read with a namespace prefix; calls without parentheses; and values inside a URL
// (a referrer, a redirect target). Each value goes through `decode` as the detectors' inputs do,
// with the raw value beside it. Hard benign text of the same shapes must stay quiet.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode } from "@/lib/detection/payloads/decode.ts";
import { analyzeValue, type FindingKind } from "./analyze.ts";

const kinds = (raw: string) => Object.keys(analyzeValue(decode(raw), raw)) as FindingKind[];

const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flips) => [...text].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join(""));
/** One letter as a character reference (decimal or hex, zero-padded, with or without ";"), or itself. */
const reference = (c: string) =>
  fc.oneof(
    fc.constant(c),
    fc.tuple(fc.nat(3), fc.boolean()).map(([z, semi]) => `&#${"0".repeat(z)}${c.charCodeAt(0)}${semi ? ";" : ""}`),
    // Hex keeps its ";": a following letter a-f would be read as one more digit.
    fc.nat(3).map((z) => `&#x${"0".repeat(z)}${c.charCodeAt(0).toString(16)};`),
  );
/** What a browser's URL parser drops between a scheme's letters. */
const gap = fc.constantFrom("", "\t", "&#9;", "&#x0A;", "&Tab;", "&NewLine;", "&#13;");

/** A scheme with at least one letter obfuscated: a reference or a control somewhere among its letters. */
const obfuscatedScheme = (scheme: string) =>
  fc
    .tuple(
      fc.tuple(...[...scheme].map(reference)),
      fc.array(gap, { minLength: scheme.length, maxLength: scheme.length }),
    )
    .map(([letters, gaps]) => letters.map((l, i) => (i === 0 ? l : gaps[i] + l)).join(""))
    .filter((spelled) => spelled !== scheme);
const colon = fc.constantFrom(":", "&colon;", "&#58;", "&#x3a;");

describe("an obfuscated script scheme is script-capable on its own (T4)", () => {
  it("javascript: or vbscript: spelled with references and controls, nothing after it", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("javascript", "vbscript").chain((s) => obfuscatedScheme(s)),
        colon,
        fc.constantFrom("", '<a href="', "x="),
        (scheme, c, before) => {
          expect(kinds(`${before}${scheme}${c}`)).toContain("script-url");
        },
      ),
    ));
  it.each(["Java Script: the good parts", "javascript:", "vbscript:", "Learn JavaScript: closures", "my script: v2"])(
    "prose or a plain scheme without script stays quiet: %s",
    (text) => expect(kinds(text)).not.toContain("script-url"),
  );
});

describe("elements that retarget or restyle the page (T5)", () => {
  it("link with a stylesheet or import, base with an href (also left open)", () =>
    fc.assert(
      fc.property(
        anyCase("link"),
        fc.constantFrom("stylesheet", "import", "preload"),
        fc.constantFrom(" ", "/", "\t"),
        fc.constantFrom("x.css", "//cdn.example/s.css", '"/s.css"'),
        (link, rel, sep, href) => {
          // After a quoted value "/" separates attributes; inside an unquoted one it is part of the value.
          expect(kinds(`<${link}${sep}rel="${rel}"${sep}href=${href}>`)).toContain("active-element");
        },
      ),
    ));
  it("base href, closed or left for the page to finish", () =>
    fc.assert(
      fc.property(anyCase("base"), fc.constantFrom("href=//x.example/>", "href=", 'href="/a/">'), (base, rest) => {
        expect(kinds(`<${base} ${rest}`)).toContain("active-element");
      }),
    ));
  it("tags old IE read with a namespace: an empty prefix or spaces around the colon", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("", "x", "t", "v"),
        fc.constantFrom("", " ", "\t"),
        fc.constantFrom("vmlframe", "script", "iframe", "import"),
        fc.constantFrom("", " src=", ">", " implementation=x>"),
        (prefix, space, name, rest) => {
          fc.pre(prefix === "" || space !== "");
          const found = kinds(`<${space}${prefix}${space}:${space}${name}${rest}`);
          expect(found.some((k) => k === "active-element" || k === "script-element")).toBe(true);
        },
      ),
    ));
  it.each([
    "<link rel=icon href=/favicon.ico>",
    "<link href=x>",
    "<note: script runs nightly>",
    "The <import> statement loads a module",
    "see <base> in the spec",
  ])("harmless markup or prose stays quiet: %s", (text) => expect(kinds(text)).toEqual([]));
});

describe("calls without parentheses (T8)", () => {
  const evaluator = fc.constantFrom("alert", "eval", "confirm", "prompt");
  it("a tagged template on call or apply", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("[].sort", "[1].map", "Reflect.apply", "Array.prototype.find", "x"),
        fc.constantFrom("call", "apply"),
        fc.constantFrom("``", "`${alert}1`", "`1`", "`${eval}x`"),
        fc.constantFrom("", "'-", '";'),
        (owner, via, template, breakout) => {
          expect(kinds(`${breakout}${owner}.${via}${template}`)).toContain("script-sink");
        },
      ),
    ));
  it("an evaluator assigned where the engine calls it: a handler, valueOf, toString, a Symbol hook", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("onerror", "valueOf", "toString", "window.onload"),
        evaluator,
        fc.constantFrom(";throw 1", ";x+''", ""),
        (target, fn, then) => {
          expect(kinds(`${target}=${fn}${then}`)).toContain("script-sink");
        },
      ),
    ));
  it("Symbol.hasInstance set to an evaluator", () =>
    fc.assert(
      fc.property(evaluator, fc.constantFrom("", " "), (fn, sp) => {
        expect(kinds(`'x' instanceof {[Symbol.hasInstance]:${sp}${fn}}`)).toContain("script-sink");
      }),
    ));
  it.each([
    "const c = fn.call(this, 1)",
    "user.toString = function () { return name }",
    "obj.valueOf() returns a number",
    "use Function.prototype.apply to spread arguments",
  ])("ordinary code stays quiet: %s", (text) => expect(kinds(text)).toEqual([]));
});

describe("values inside a URL are read on their own (T10)", () => {
  it("a script in any query parameter of an absolute URL", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("https://evil.example/", "http://a.example/search", "https://x.example/p/q.php"),
        fc.constantFrom("q", "search", "ref", "utm_term"),
        fc.constantFrom(
          "x;onfocus=eval(atob('eA=='))",
          "1'-alert(1)-'",
          '"><svg onload=alert(1)>',
          "javascript:alert(1)",
        ),
        fc.constantFrom("", "a=1&", "lang=en;"),
        (base, name, payload, before) => {
          expect(kinds(`${base}?${before}${name}=${payload}`).length).toBeGreaterThan(0);
        },
      ),
    ));
  it.each([
    "https://www.google.com/search?q=how+to+use+alert()+in+js",
    "https://example.com/page?utm_source=news&id=5#top",
    "https://shop.example/cart?item=a%2Bb&qty=2",
    "https://docs.example/guide?topic=onclick+handlers#events",
  ])("ordinary URLs stay quiet: %s", (url) => expect(kinds(url)).toEqual([]));
});

describe("spellings a browser reads that a naive reader does not (T4, T5, T9)", () => {
  /** A Unicode space or control written as \xNN escapes of its UTF-8 bytes. */
  const utf8Escaped = fc
    .constantFrom(0xa0, 0x1680, 0x2000, 0x2003, 0x2008, 0x200a, 0x2028, 0x202f, 0x205f, 0x3000)
    .map((code) =>
      [...Buffer.from(String.fromCodePoint(code), "utf8")].map((b) => `\\x${b.toString(16).toUpperCase()}`).join(""),
    );
  it("a Unicode space as escaped UTF-8 bytes before the scheme", () =>
    fc.assert(
      fc.property(utf8Escaped, anyCase("javascript"), (space, scheme) => {
        expect(kinds(`<a href="${space}${scheme}:alert(1)">x</a>`)).toContain("script-url");
      }),
    ));
  it("an empty comment (<!--> or <!--->) or --!> ends the comment: the markup after it is live", () =>
    fc.assert(
      fc.property(fc.constantFrom("<!-->", "<!--->", "<!-- x --!>"), (comment) => {
        expect(kinds(`x">${comment}<svg/onload=alert(1)>`)).toContain("event-handler");
      }),
    ));
  it("'+' for a space between a tag's name and its attributes (a query string's spelling)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("script+src=//x.example/a.js>", "img+src=x+onerror=alert(1)>", "svg+onload=alert(1)>"),
        fc.constantFrom("", '">', "'>"),
        (tag, close) => {
          expect(kinds(`${close}<${tag}`).length).toBeGreaterThan(0);
        },
      ),
    ));
  it("CDATA is a section only in foreign content: elsewhere, and in an integration point, it ends at '>'", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("", "<svg><foreignobject>", "<math><annotation-xml><svg><desc>"),
        fc.constantFrom("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
        (context, live) => {
          expect(kinds(`${context}<![CDATA[x>${live}]]>`).length).toBeGreaterThan(0);
        },
      ),
    ));
  it("mutation XSS: a raw-text element inside svg/math holds markup (a comment there hides the closing tag)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("<math><mtext><table><mglyph>", "<svg>", "<math><mi><mglyph><svg>"),
        fc.constantFrom("style", "title", "textarea", "noscript"),
        (foreign, raw) => {
          const live = "&lt;img src=1 onerror=alert(1)&gt;";
          expect(kinds(`${foreign}<${raw}><!--</${raw}><img title="--&gt;${live}">`)).toContain("event-handler");
        },
      ),
    ));
  it("an IE conditional comment's content is markup", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("if IE", "if gte IE 4", "if !IE", "if lt IE 9"),
        fc.constantFrom("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
        (condition, live) => {
          expect(kinds(`<!--[${condition}]>${live}<![endif]-->`).length).toBeGreaterThan(0);
        },
      ),
    ));
  it("IE data islands and data binding, HTML+TIME namespaces, a style element importing a sheet", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(
          '<xml id="i" src="x.xml"></xml>',
          "<span datasrc=#i datafld=c dataformatas=html></span>",
          '<?xml:namespace prefix="t" ns="urn:schemas-microsoft-com:time">',
          "<style>@import 'x.css';</style>",
          '<STYLE>@import url("a.css")</STYLE>',
        ),
        (markup) => {
          expect(kinds(markup).length).toBeGreaterThan(0);
        },
      ),
    ));
  it.each([
    '<?xml version="1.0" encoding="utf-8"?><a>b</a>',
    "<xml>data</xml>",
    "caf\\xc3\\xa9 au lait",
    "<!-- a comment --> and text",
    "c++ templates: <vector+int> is not valid",
    "<!--[if IE]><p>Please upgrade your browser</p><![endif]-->",
    "<svg><![CDATA[ if (a < b && c > d) go(); ]]></svg>",
    "<svg><style>.a { fill: red }</style><title>Chart</title></svg>",
    "<style>p { color: red }</style>",
  ])("ordinary markup stays quiet: %s", (text) => expect(kinds(text)).toEqual([]));
});

describe("framework directives and DOM clobbering (T7, T11)", () => {
  it("a Vue, Angular or Alpine directive whose expression runs something", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("v-html", "v-show", "v-bind:title", ":title", "@click", "v-on:focus", "ng-init", "x-init"),
        fc.constantFrom(
          "''.constructor.constructor('alert(1)')()",
          "_c.constructor`alert(1)`()",
          "$event.view.alert(1)",
          "constructor.constructor('x')()",
        ),
        fc.constantFrom("div", "p", "input"),
        (directive, expression, tag) => {
          expect(kinds(`<${tag} ${directive}="${expression}">x</${tag}>`)).toContain("template-expression");
        },
      ),
    ));
  it("an element the document exposes by name, named after a member scripts read", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("img", "form", "embed", "object", "iframe"),
        fc.constantFrom("name", "id"),
        anyCase("getElementById").chain((g) => fc.constantFrom("cookie", "domain", "currentScript", g)),
        (tag, attribute, member) => {
          expect(kinds(`<${tag} ${attribute}=${member}>`)).toContain("active-element");
        },
      ),
    ));
  it.each([
    '<div v-if="user.loggedIn">hi</div>',
    '<button @click="count++">+</button>',
    '<li v-for="item in items" :key="item.id">{{ item.name }}</li>',
    "<input name=location placeholder=City>",
    "<form name=signup><input name=email></form>",
    "<p>''.constructor is String</p>",
  ])("ordinary framework markup and forms stay quiet: %s", (text) => expect(kinds(text)).toEqual([]));
});
