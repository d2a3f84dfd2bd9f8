import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, name, value } from "../test-inputs.ts";
import { NOSQL_INJECTION } from "./detector.ts";

const body = "http.request.body.content";
const fires = (input: ReturnType<typeof value>, level = 1) => firing(NOSQL_INJECTION, input, level);

describe("NoSQL operator injection", () => {
  it("reads bracketed parameter names as paths", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("ne", "gt", "regex", "where", "in", "nin", "exists", "expr"),
        fc.constantFrom("user", "password", "a[b]"),
        fc.boolean(),
        (op, field, encode) => {
          const n = `${field}[$${op}]`;
          return fires(name(encode ? encodeURIComponent(n) : n)).includes("sn-nosql-operator");
        },
      ),
    );
  });
  it("reads JSON keys at the depth their operator belongs", () => {
    expect(fires({ field: body, part: ".password.$gt#name", raw: "$gt", decoded: "$gt" })).toContain(
      "sn-nosql-operator",
    );
    // A nested key's part as json-leaves names it: the parent's path, then ".<key>#name".
    expect(fires({ field: body, part: "password.$gt#name", raw: "$gt", decoded: "$gt" })).toContain(
      "sn-nosql-operator",
    );
    expect(fires({ field: body, part: "a[0].pw.$ne#name", raw: "$ne", decoded: "$ne" })).toContain("sn-nosql-operator");
    expect(fires({ field: body, part: ".$where#name", raw: "$where", decoded: "$where" })).toContain(
      "sn-nosql-operator",
    );
    expect(fires({ field: body, part: ".$type#name", raw: "$type", decoded: "$type" })).toEqual([]);
    expect(fires(value('{"user": {"$ne": null}}'))).toContain("sn-nosql-operator");
    expect(fires(value("{'$where': 'sleep(100)'}"))).toContain("sn-nosql-operator");
    expect(fires(value('{"$set": {"a": 1}}', ""))).toEqual([]);
  });
  it.each([
    "' || 'a'=='a",
    "'; return true; var x='",
    '"; sleep(5000); "',
    "a' && this.password.match(/.*/)//",
    "1' || 1==1//",
  ])("reads %s as a JavaScript break-out", (raw) => expect(fires(value(raw))).toContain("sn-nosql-js-injection"));
  it("does not fire on hard benign text, code snippets or ordinary JSON", () => {
    for (const text of [...HARD_BENIGN, "it's ok; really", "x = 'a'; var y = 1", "price $100"])
      expect([text, fires(value(text))]).toEqual([text, []]);
    expect(fires(name("user[name]"))).toEqual([]);
    expect(fires(name("amount$"))).toEqual([]);
  });
  it("is robust", () => expectRobust(NOSQL_INJECTION, ["[$", "{$ne:", "'||", "$", "this."]));
});
