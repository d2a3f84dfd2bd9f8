import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, name, value } from "../test-inputs.ts";
import { PROTOTYPE_POLLUTION } from "./detector.ts";

const fires = (input: ReturnType<typeof value>) => firing(PROTOTYPE_POLLUTION, input);

describe("prototype pollution", () => {
  it("reads parameter names as paths to a prototype", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "__proto__[x]",
          "__proto__.x",
          "a[__proto__][x]",
          "constructor[prototype][x]",
          "a.constructor.prototype.x",
          "a['__proto__']",
        ),
        fc.boolean(),
        (n, encode) => fires(name(encode ? encodeURIComponent(n) : n)).includes("sn-prototype-pollution"),
      ),
    );
  });
  it("reads JSON keys and JSON text in values", () => {
    const body = "http.request.body.content";
    expect(fires({ field: body, part: ".__proto__#name", raw: "__proto__", decoded: "__proto__" })).toContain(
      "sn-prototype-pollution",
    );
    expect(
      fires({ field: body, part: ".constructor.prototype#name", raw: "prototype", decoded: "prototype" }),
    ).toContain("sn-prototype-pollution");
    expect(fires(value('{"__proto__": {"isAdmin": true}}'))).toContain("sn-prototype-pollution");
    expect(fires(value('{"constructor": {"prototype": {"x": 1}}}'))).toContain("sn-prototype-pollution");
  });
  it("does not fire on prose about prototypes or benign text", () => {
    for (const text of [...HARD_BENIGN, "The __proto__ property is deprecated", "prototype[name]"])
      expect([text, fires(value(text))]).toEqual([text, []]);
    expect(fires(name("prototype[name]"))).toEqual([]);
    expect(fires(name("constructor[name]"))).toEqual([]);
  });
  it("is robust", () => expectRobust(PROTOTYPE_POLLUTION, ["__proto__", "[", "constructor.", '"__proto__"']));
});

describe("prototype pollution inside values", () => {
  it.each([
    "https://shop.example/?__proto__[src]=x",
    "/a#a=b&__proto__[admin]=1",
    "?a[constructor][prototype]=1",
    '{"__proto__.name": "x"}',
    "x[__proto__][y] = y",
  ])("reads %s", (raw) => expect(firing(PROTOTYPE_POLLUTION, value(raw))).toContain("sn-prototype-pollution"));
});
