import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { LDAP_INJECTION } from "./detector.ts";

const fires = (raw: string, part = "q") => firing(LDAP_INJECTION, value(raw, part));

describe("LDAP filter injection", () => {
  it("fires when a value closes the filter and opens a component", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("*", "admin", "x*"),
        fc.constantFrom("(uid=*", "(|(uid=*", "(&)", "(!(cn=a)", "(objectClass=*", "(cn~=a", "(2.5.4.3=*", "(cn:dn:=x"),
        fc.constantFrom("", " ", "  "),
        (head, component, sp) => fires(`${head})${sp}${component}`).includes("sn-ldap-injection"),
      ),
    );
    expect(fires("*)(uid=*))(|(uid=*")).toContain("sn-ldap-injection");
    expect(fires("admin)(")).toContain("sn-ldap-injection");
  });
  it("fires when a value opens a filter list inside its assertion, with or without closing it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("*", "admin*", "x", ""),
        fc.constantFrom("&", "|"),
        fc.constantFrom("mail=*", "objectClass=*", "uid=admin", "cn>=a", "1.2.840.113556.1.4.803:=2"),
        fc.constantFrom("", " "),
        fc.constantFrom("", ")", "))", ")(cn=*"),
        (head, op, item, sp, tail) =>
          fires(`${head}(${sp}${op}${sp}(${item}${tail}`).includes("sn-ldap-injection") ||
          head === "" /* a whole filter from the first character: a directory tool's query */,
      ),
    );
  });
  it("reads wildcard-only login fields and NUL truncation", () => {
    expect(fires("*", "username")).toContain("sn-ldap-wildcard-login");
    expect(fires("**", "login")).toContain("sn-ldap-wildcard-login");
    expect(fires("*", "q")).toEqual([]);
    expect(fires("admin)%00")).toContain("sn-ldap-nul-truncation");
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9._-]{0,12}$/),
        fc.stringMatching(/^[a-z0-9._-]{0,12}$/),
        fc.constantFrom("username", "login", "uid", "account.login"),
        (a, b, field) => firing(LDAP_INJECTION, value(`${a}*${b}`, field), 2).includes("sn-ldap-wildcard-in-login"),
      ),
    );
    expect(firing(LDAP_INJECTION, value("ann.smith", "username"), 2)).toEqual([]);
    expect(firing(LDAP_INJECTION, value("pa*ss", "password"), 2)).toEqual([]);
    expect(firing(LDAP_INJECTION, value("a*b", "q"), 2)).toEqual([]);
  });
  it("leaves whole filters, prose with parentheses and benign text alone", () => {
    for (const text of [
      ...HARD_BENIGN,
      "(&(objectClass=user)(cn=a))",
      "f(x)(y)",
      "(a) (b)",
      "smile :) (really)",
      "if (!(x = next())) return;",
      "a (b) | (c) & (d)",
      "(a|b)&(c)",
      "x = (y & (z = 1))",
    ])
      expect([text, fires(text)]).toEqual([text, []]);
  });
  it("is robust", () => expectRobust(LDAP_INJECTION, [")(", ")(a", ")(a=", "*)", ")(&"]));
});
