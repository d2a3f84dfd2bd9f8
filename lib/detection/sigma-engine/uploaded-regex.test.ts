// Issue 18, finding 8: an uploaded Sigma rule's `re` value ran on the backtracking engine, so
// `(a+)+$` against a 31-character user agent held the server for 31 s. Sigma regexes now run on a
// linear-time engine (RE2, through re2js), with the i, m and s modifiers mapped; what RE2 cannot run
// (backreferences, lookarounds) is refused when the rule is loaded, with the reason.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { parseSigmaRule } from "./index.ts";

const load = (selection: string) =>
  parseSigmaRule(
    `title: t\nid: 00000000-0000-4000-8000-000000000008\nlogsource: {category: webserver}\ndetection:\n  sel:\n${selection}\n  condition: sel\nlevel: high\n`,
    "upload",
  );
const rule = (selection: string) => {
  const parsed = load(selection);
  if ("error" in parsed) throw new Error(parsed.error.reason);
  return parsed.rule;
};
const agent = (ua: string, url = "/") =>
  normalizeEvent({ url: { original: url }, http: { request: { method: "GET" } }, user_agent: { original: ua } });
const timed = <T>(run: () => T) => {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
};

describe("uploaded Sigma regexes (ReDoS, issue 18 finding 8)", () => {
  it("matches and misses (a+)+$ against a 31-character user agent in milliseconds", () => {
    const nested = rule("    c-useragent|re: '(a+)+$'");
    const miss = timed(() => nested.match(agent(`${"a".repeat(30)}!`)));
    expect(miss.result).toBeNull();
    expect(miss.ms, `took ${miss.ms.toFixed(0)} ms`).toBeLessThan(200);
    const hit = timed(() => nested.match(agent("a".repeat(31))));
    expect(hit.result).not.toBeNull();
    expect(hit.ms).toBeLessThan(200);
  });

  it("stays linear on long inputs: a nested quantifier over 64 KB of near-matches", () => {
    const nested = rule("    cs-uri|re: '^/(x+x+)+y$'");
    const { result, ms } = timed(() => nested.match(agent("Mozilla/5.0", `/${"x".repeat(8000)}`)));
    expect(result).toBeNull();
    expect(ms).toBeLessThan(500);
  });

  it("maps the i, m and s modifiers (and a leading (?i))", () => {
    expect(rule("    c-uri|re|i: '^/ADMIN/'").match(agent("x", "/admin/x"))).not.toBeNull();
    expect(rule("    c-uri|re: '^/ADMIN/'").match(agent("x", "/admin/x"))).toBeNull();
    expect(rule("    c-uri|re: '(?i)^/ADMIN/'").match(agent("x", "/admin/x"))).not.toBeNull();
    expect(rule("    c-useragent|re|m: '^evil$'").match(agent("good\nevil\nbad"))).not.toBeNull();
    expect(rule("    c-useragent|re: '^evil$'").match(agent("good\nevil\nbad"))).toBeNull();
    expect(rule("    c-useragent|re|s: 'a.b'").match(agent("a\nb"))).not.toBeNull();
    expect(rule("    c-useragent|re: 'a.b'").match(agent("a\nb"))).toBeNull();
  });

  it.each([
    ["a backreference", "'(a)\\1'", "backreference"],
    ["a named backreference", "'(?<x>a)\\k<x>'", "backreference"],
    ["a lookahead", "'foo(?=bar)'", "lookaround"],
    ["a negative lookbehind", "'(?<!x)foo'", "lookaround"],
  ])("refuses %s at load time, naming the field and the reason", (_what, pattern, reason) => {
    const parsed = load(`    c-useragent|re: ${pattern}`);
    expect(parsed).toMatchObject({
      error: { ruleId: "00000000-0000-4000-8000-000000000008", reason: expect.stringContaining('field "c-useragent"') },
    });
    expect("error" in parsed && parsed.error.reason).toContain(reason);
  });
});

describe("Sigma wildcards", () => {
  it("match a value with * between parts in linear time, hit or miss", () => {
    const paste = rule("    cs-uri|contains: '.ghostbin.co/paste/*/raw/'");
    const hostile = `/${".ghostbin.co/paste/".repeat(3000)}`;
    const miss = timed(() => paste.match(agent("x", hostile)));
    expect(miss.result).toBeNull();
    expect(miss.ms, `took ${miss.ms.toFixed(0)} ms`).toBeLessThan(100);
    expect(paste.match(agent("x", `${hostile}x/raw/`))).not.toBeNull();
    expect(rule("    cs-uri: '/a*b*c'").match(agent("x", "/a-b-b-c"))).not.toBeNull();
    expect(rule("    cs-uri: '/a*b*c'").match(agent("x", "/a-b-b-c-"))).toBeNull();
    expect(rule("    cs-uri|startswith: '/a*b?d'").match(agent("x", "/ab-bxd-tail"))).not.toBeNull();
    expect(rule("    cs-uri|endswith: 'a*b?d'").match(agent("x", "/xab-bxd"))).not.toBeNull();
    expect(rule("    cs-uri|endswith: 'a*b?d'").match(agent("x", "/xab-bxd/"))).toBeNull();
  });
});
