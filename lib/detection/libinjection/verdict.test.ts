// libinjection through libddwaf: the ruleset loads whole, SQLi and XSS shapes written from the
// techniques fire (generated variants), plain and hard benign values do not, every flagged value of
// a batch is named (not only the first), long values are read past libddwaf's 4 KB string limit,
// a run that hits its time budget says so, and no string makes it throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HARD_BENIGN } from "./hard-benign.ts";
import { SLOTS } from "./ruleset.ts";
import { libinjectionDiagnostics, libinjectionVerdict, stats } from "./verdict.ts";

const caseOf = (word: string, upper: boolean[]) =>
  [...word].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
const spaceOf = fc.constantFrom(" ", "  ", "\t", "/**/", "\n");
const quote = fc.constantFrom("'", '"');

/** A value that closes a quoted string and goes on with a tautology, a union or a comment. */
const sqliValue = fc
  .record({
    q: quote,
    prefix: fc.constantFrom("", "1", "abc", "admin"),
    sp: spaceOf,
    upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    // A column or table name with a digit, as many are (user_1): no keyword of any dialect has one
    // ("select all,all from all" is not a query, and libinjection reads call, go, dec, eqv as keywords).
    word: fc.stringMatching(/^[a-z]{1,6}_[0-9]{1,2}$/),
    shape: fc.constantFrom("tautology", "union", "comment", "stacked"),
  })
  .map(({ q, prefix, sp, upper, word, shape }) => {
    const k = (w: string) => caseOf(w, upper);
    switch (shape) {
      case "tautology":
        return `${prefix}${q}${sp}${k("or")}${sp}${q}${word}${q}=${q}${word}`;
      case "union":
        return `${prefix}${q}${sp}${k("union")}${sp}${k("select")}${sp}${word},${word}${sp}${k("from")}${sp}${word}--`;
      case "comment":
        return `${prefix}${q}${sp}${k("or")}${sp}1=1--`;
      default:
        return `${prefix}${q};${sp}${k("drop")}${sp}${k("table")}${sp}${word}--`;
    }
  });

/** Markup that runs script: a script element, or an event-handler or javascript: URL attribute. */
const xssValue = fc
  .record({
    upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    call: fc.constantFrom("alert(1)", "prompt(document.domain)", "fetch('//x')"),
    tag: fc.constantFrom("img", "svg", "body", "video", "details"),
    handler: fc.constantFrom("onerror", "onload", "onmouseover", "ontoggle", "onfocus"),
    shape: fc.constantFrom("script", "handler", "uri", "breakout"),
  })
  .map(({ upper, call, tag, handler, shape }) => {
    const k = (w: string) => caseOf(w, upper);
    switch (shape) {
      case "script":
        return `<${k("script")}>${call}</${k("script")}>`;
      case "handler":
        return `<${k(tag)} src=x ${k(handler)}=${call}>`;
      case "uri":
        return `<a ${k("href")}="${k("javascript")}:${call}">x</a>`;
      default:
        return `"><${k(tag)} ${k(handler)}=${call}>`;
    }
  });

describe("libinjection through libddwaf", () => {
  it("loads the ruleset with every rule and no error", () => {
    const report = libinjectionDiagnostics();
    expect(report.loaded).toBe(true);
    if (!report.loaded) return;
    const rules = report.diagnostics.rules;
    expect(rules && !("error" in rules) && rules.failed).toEqual([]);
    expect(rules && !("error" in rules) && rules.loaded.length).toBe(2 * SLOTS);
    expect(rules && !("error" in rules) && Object.keys(rules.errors)).toEqual([]);
  });

  it("flags SQL injection shapes, with libinjection's fingerprint", () => {
    fc.assert(
      fc.property(sqliValue, (value) => {
        const verdict = libinjectionVerdict([value]);
        expect(verdict.sqli, value).toEqual([0]);
        expect(verdict.fingerprints.get(0)).toMatch(/^s/);
      }),
      { numRuns: 300 },
    );
  });

  it("flags XSS shapes", () => {
    fc.assert(
      fc.property(xssValue, (value) => {
        expect(libinjectionVerdict([value]).xss, value).toEqual([0]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves plain values alone", () => {
    const plain = ["hello world", "/products/42", "jane@example.com", "2024-06-01", "blue shoes, size 42", "Ünïcödé"];
    expect(libinjectionVerdict(plain)).toMatchObject({ sqli: [], xss: [], timedOut: false });
  });

  it("names every flagged value of a batch, past one run's slots", () => {
    const values = Array.from({ length: 3 * SLOTS + 5 }, (_, i) =>
      i % 7 === 0 ? `x' or 'a${i}'='a${i}` : i % 11 === 0 ? `<svg onload=alert(${i})>` : `value ${i}`,
    );
    const verdict = libinjectionVerdict(values);
    expect(verdict.sqli).toEqual(values.flatMap((_, i) => (i % 7 === 0 ? [i] : [])));
    expect(verdict.xss).toEqual(values.flatMap((_, i) => (i % 7 !== 0 && i % 11 === 0 ? [i] : [])));
  });

  it("reads a long value whole, past libddwaf's 4 KB string limit", () => {
    for (const at of [5000, 9000, 15_000]) {
      const value = `${"lorem ipsum ".repeat(at / 12)}x' union select name from users--${" dolor".repeat(200)}`;
      expect(libinjectionVerdict([value]).sqli, String(at)).toEqual([0]);
    }
  });

  it("says when a run hit its time budget", () => {
    const before = stats.timeouts;
    const values = Array.from({ length: 40 }, (_, i) => `${"a' or 'b'='b ".repeat(300)}${i}`);
    const verdict = libinjectionVerdict(values, { budgetUs: 1 });
    expect(verdict.timedOut).toBe(true);
    expect(stats.timeouts).toBeGreaterThan(before);
    // The next run, with the usual budget, is whole again.
    expect(libinjectionVerdict(["1' or '1'='1"])).toMatchObject({ sqli: [0], timedOut: false });
  });

  it("never throws, on any string, of any length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ maxLength: 9000 }))),
        (values) => {
          const verdict = libinjectionVerdict(values);
          expect(verdict.unavailable).toBeUndefined();
          for (const i of [...verdict.sqli, ...verdict.xss]) expect(i).toBeLessThan(values.length);
        },
      ),
      { numRuns: 200 },
    );
    expect(() => libinjectionVerdict(["\u0000'\u0000", "\ud800", "<".repeat(70_000)])).not.toThrow();
  });

  it("reads most of our hard benign text as benign (the detectors gate the rest)", () => {
    const flagged = libinjectionVerdict(HARD_BENIGN);
    expect(flagged.xss).toEqual([]);
    expect(flagged.sqli.length).toBeLessThanOrEqual(2);
  });
});
