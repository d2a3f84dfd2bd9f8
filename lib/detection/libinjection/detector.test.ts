// The libinjection detectors in the payload registry: SQLi that breaks out of a quoted string fires
// at paranoia level 1 in a query, a JSON body and a form body; XSS at level 2; the hard benign text
// (and fingerprints libinjection gives prose and code from a bare context) stays quiet; and no
// event makes them throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "../payloads/index.ts";
import { HARD_BENIGN } from "./hard-benign.ts";
import { LIBINJECTION } from "./detector.ts";

const placed = (value: string) => [
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } }),
  normalizeEvent({
    url: { original: "/api" },
    http: { request: { method: "POST", body: { content: JSON.stringify({ x: value }) } } },
  }),
  normalizeEvent({
    url: { original: "/form" },
    http: { request: { method: "POST", body: { content: `x=${encodeURIComponent(value)}` } } },
  }),
];
const ours = (value: string, paranoia: 1 | 2) =>
  placed(value).map((event) =>
    detectPayloads(event, { paranoia })
      .filter((d) => d.id.startsWith("sn-libinjection-"))
      .map((d) => d.id),
  );

describe("libinjection detectors", () => {
  it("are registered with the ids, classes and levels the README gives", () => {
    expect(LIBINJECTION.map((d) => [d.id, d.category, d.paranoia, d.points])).toEqual([
      ["sn-libinjection-sqli", "sqli", 2, 5],
      ["sn-sqli-agreed", "sqli", 1, 5],
      ["sn-libinjection-xss", "xss", 2, 5],
    ]);
  });

  const agreed = (value: string) =>
    placed(value).map((event) => detectPayloads(event, { paranoia: 1 }).some((d) => d.id === "sn-sqli-agreed"));

  it.each(["select 1,2,3 from t", "select name from users--", "SELECT password FROM accounts--"])(
    "fires at level 1 when the grammar reads weak SQL and libinjection flags it too: %s",
    (value) => expect(agreed(value)).toEqual([true, true, true]),
  );

  it.each([
    "SELECT name FROM users WHERE id = 1",
    "1 or 1",
    "x' or 1=1--",
    'The "or" in this sentence is inclusive, not exclusive',
  ])("does not fire where only one analysis sees SQL, or the grammar reports it at level 1 already: %s", (value) =>
    expect(agreed(value)).toEqual([false, false, false]),
  );

  it.each([
    "x' or 'a'='a",
    "admin'--",
    "1' UNION/**/SELECT name, pass FROM accounts--",
    'nobody" or ""="',
    "9'); DROP TABLE t; --",
    "-1 UNION SELECT name, pass FROM accounts",
    "7 or 1=1-- -",
  ])(
    "fires on SQLi that breaks out of a string or goes on with a union or comment, in every placement, at level 2: %s",
    (value) => {
      for (const ids of ours(value, 2)) expect(ids).toContain("sn-libinjection-sqli");
      for (const ids of ours(value, 1)) expect(ids).not.toContain("sn-libinjection-sqli");
    },
  );

  it.each(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=confirm(2)>'])(
    "fires on XSS at paranoia level 2 only: %s",
    (value) => {
      for (const ids of ours(value, 2)) expect(ids).toContain("sn-libinjection-xss");
      for (const ids of ours(value, 1)) expect(ids).not.toContain("sn-libinjection-xss");
    },
  );

  it("stays quiet on hard benign text, at levels 1 and 2", () => {
    for (const value of HARD_BENIGN)
      for (const paranoia of [1, 2] as const) for (const ids of ours(value, paranoia)) expect(ids, value).toEqual([]);
  });

  it("leaves fingerprints from a bare context (prose, arithmetic, code) off", () => {
    for (const value of [
      "1 + 1 = 2 and 2 * 3 = 6",
      "x = y; if (x > 3) { run(); }",
      "benchmark (2024) results",
      "50% off -- today only",
      "step #2 and #3",
    ])
      for (const ids of ours(value, 2)) expect(ids, value).toEqual([]);
  });

  it("never throws and stays bounded on arbitrary values", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 3000 }), (value) => {
        for (const event of placed(value)) {
          const errors: string[] = [];
          detectPayloads(event, { paranoia: 2, onDetectorError: (e) => errors.push(e.detector) });
          expect(errors.filter((id) => id.startsWith("sn-libinjection-"))).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
