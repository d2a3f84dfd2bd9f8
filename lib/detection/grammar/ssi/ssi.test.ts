import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { SERVER_SIDE_INCLUDES } from "./detector.ts";

const fires = (raw: string) => firing(SERVER_SIDE_INCLUDES, value(raw));

describe("server-side includes", () => {
  it("reads exec as command injection, whatever the quoting and spacing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom('"', "'", ""),
        fc.constantFrom(" ", "  ", "\t"),
        fc.constantFrom("cmd", "cgi"),
        (q, sp, attr) => fires(`<!--#exec${sp}${attr}=${q}id${q} -->`).includes("sn-ssi-exec"),
      ),
    );
    expect(fires("%3C%21--%23exec%20cmd%3D%22ls%22%20--%3E")).toContain("sn-ssi-exec");
  });
  it.each([
    '<!--#include virtual="/etc/passwd" -->',
    '<!--#echo var="DOCUMENT_ROOT" -->',
    "<!--#printenv -->",
    '<esi:include src="http://x/"/>',
  ])("reads %s as a directive", (raw) => expect(fires(raw)).toContain("sn-ssi-directive"));
  it("does not fire on comments and benign text", () => {
    for (const text of [...HARD_BENIGN, "<!-- #1 best seller -->", "<!--#region-->", "<!--#exec-->"])
      expect([text, fires(text)]).toEqual([text, []]);
  });
  it("is robust", () => expectRobust(SERVER_SIDE_INCLUDES, ["<!--#", "<!--#exec ", "<esi:"]));
});
