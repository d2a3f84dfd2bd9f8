import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { DESERIALIZATION } from "./detector.ts";

const fires = (raw: string, part = "q", level = 1) => firing(DESERIALIZATION, value(raw, part), level);
const b64 = (bytes: number[], tail = "some.class.Name payload bytes") =>
  Buffer.concat([Buffer.from(bytes), Buffer.from(tail)]).toString("base64");

describe("deserialization", () => {
  it("reads serialized objects by their format's header bytes", () => {
    fc.assert(
      fc.property(fc.constantFrom(0x73, 0x77, 0x75), fc.string({ minLength: 8, maxLength: 40 }), (tc, tail) =>
        fires(b64([0xac, 0xed, 0x00, 0x05, tc], tail)).includes("sn-java-serialized"),
      ),
    );
    expect(fires(b64([0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x01]))).toContain("sn-java-serialized");
    expect(fires(b64([0xff, 0x01, 0x32, 0x11]))).toContain("sn-java-serialized");
    expect(fires(b64([0x80, 0x04, 0x95, 0x10], "\x8c\x02os\x8c\x06system\x93R."))).toContain("sn-java-serialized");
    expect(fires("aced00057372")).toContain("sn-java-serialized");
    expect(fires(b64([0xff, 0x01, 0x0f, 0x0f]))).toEqual([]);
  });
  it("checks the declared length of a PHP class name", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/), (cls) =>
        fires(`O:${cls.length}:"${cls}":1:{s:1:"a";i:1;}`).includes("sn-php-serialized"),
      ),
    );
    expect(fires('O:9:"stdClass":1:{}')).toEqual([]);
    expect(fires("phar://uploads/x.jpg/a")).toContain("sn-php-serialized");
    expect(fires('a:1:{i:0;s:1:"x";}', "q", 2)).toContain("sn-php-serialized-array");
  });
  it("reads pickle text, YAML type tags and Json.NET gadget types", () => {
    expect(fires("cos\nsystem\n(S'id'\ntR.")).toContain("sn-pickle-text");
    expect(fires("!!python/object/apply:os.system ['id']")).toContain("sn-yaml-type-tag");
    expect(
      fires('!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]'),
    ).toContain("sn-yaml-type-tag");
    expect(fires("x: !ruby/object:Gem::Installer")).toContain("sn-yaml-type-tag");
    expect(fires("System.Windows.Data.ObjectDataProvider, PresentationFramework", "$type")).toContain(
      "sn-dotnet-type-gadget",
    );
    expect(fires("App.Models.User, App", "$type")).toEqual([]);
    expect(fires("App.Models.User, App", "$type", 2)).toContain("sn-dotnet-type-name");
  });
  it("does not fire on hard benign text or ordinary tokens", () => {
    for (const text of [
      ...HARD_BENIGN,
      "dGhpcyBpcyBqdXN0IHNvbWUgdGV4dA==",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
      "cat\ndog\nbird",
    ])
      expect([text, fires(text)]).toEqual([text, []]);
  });
  it("is robust", () => expectRobust(DESERIALIZATION, ['o:1:"', ':"', "a:1:{", "!!", "c\n", "rO0AB", "AAAA"]));
});
