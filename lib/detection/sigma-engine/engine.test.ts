// Sigma semantics: modifiers, wildcards, keyword lists, conditions, and the load errors that
// refuse what we do not understand.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { loadSigmaDirectory, parseSigmaRule } from "./index.ts";

const rule = (detection: string, logsource = "category: webserver") => {
  const parsed = parseSigmaRule(
    `title: t\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n  ${logsource}\ndetection:\n${detection}\nlevel: high\n`,
    "test",
  );
  if ("error" in parsed) throw new Error(parsed.error.reason);
  return parsed.rule;
};
const web = (url: string, ua = "Mozilla/5.0", status = 200) =>
  normalizeEvent({
    url: { original: url },
    http: { request: { method: "GET" }, response: { status_code: status } },
    user_agent: { original: ua },
    source: { ip: "10.1.2.3" },
  });

describe("Sigma engine", () => {
  it("matches plain values as case-insensitive wildcards and honours contains/startswith/endswith/all", () => {
    expect(rule("  sel:\n    cs-uri-stem: /ADMIN/*.php\n  condition: sel").match(web("/admin/x.php"))).not.toBeNull();
    expect(rule("  sel:\n    cs-uri-stem: /admin/*.php\n  condition: sel").match(web("/admin/x.phps"))).toBeNull();
    expect(
      rule("  sel:\n    cs-uri-query|contains|all: [a=1, b=2]\n  condition: sel").match(web("/?b=2&a=1")),
    ).not.toBeNull();
    expect(rule("  sel:\n    cs-uri-query|contains|all: [a=1, b=2]\n  condition: sel").match(web("/?a=1"))).toBeNull();
    expect(rule("  sel:\n    c-useragent|startswith: curl/\n  condition: sel").match(web("/", "curl/8"))).toMatchObject(
      { field: "user_agent.original", value: "curl/8" },
    );
    expect(rule("  sel:\n    sc-status: 404\n  condition: sel").match(web("/", "x", 404))).not.toBeNull();
    expect(rule("  sel:\n    cs-uri-stem|endswith: '\\*'\n  condition: sel").match(web("/a*"))).not.toBeNull();
    expect(rule("  sel:\n    cs-uri-stem|endswith: '\\*'\n  condition: sel").match(web("/ab"))).toBeNull();
  });

  it("reads a rule's field names from the event's own data, never from what objects inherit", () => {
    // "constructor|contains: Object" matched every event: the lookup read Object.prototype.constructor.
    for (const field of [
      "constructor",
      "toString",
      "__proto__",
      "hasOwnProperty",
      "constructor.name",
      "__proto__.constructor",
    ]) {
      expect(rule(`  sel:\n    ${field}|contains: o\n  condition: sel`).match(web("/")), field).toBeNull();
      expect(rule(`  sel:\n    ${field}: '*'\n  condition: sel`).match(web("/")), field).toBeNull();
    }
  });

  it("reads each event's own fields when events take turns (values are kept for the event being matched)", () => {
    const probe = rule("  sel:\n    cs-uri-query|contains: probe\n  condition: sel");
    const agent = rule("  sel:\n    c-useragent|contains: probe\n  condition: sel");
    const a = web("/?q=probe", "curl/8");
    const b = web("/?q=plain", "probe-agent");
    for (let round = 0; round < 2; round++) {
      expect(probe.match(a)).not.toBeNull();
      expect(agent.match(a)).toBeNull();
      expect(probe.match(b)).toBeNull();
      expect(agent.match(b)).not.toBeNull();
    }
  });

  it("supports re (with flags), cidr, base64offset, gt and keyword lists", () => {
    expect(rule("  sel:\n    c-uri|re|i: '^/API/v[0-9]+/'\n  condition: sel").match(web("/api/v2/x"))).not.toBeNull();
    expect(rule("  sel:\n    c-ip|cidr: 10.0.0.0/8\n  condition: sel").match(web("/"))).not.toBeNull();
    expect(rule("  sel:\n    c-ip|cidr: 192.168.0.0/16\n  condition: sel").match(web("/"))).toBeNull();
    const b64 = Buffer.from("xx/bin/bash -i").toString("base64");
    expect(
      rule("  sel:\n    cs-uri-query|base64offset|contains: /bin/bash\n  condition: sel").match(web(`/?p=${b64}`)),
    ).not.toBeNull();
    expect(rule("  sel:\n    sc-status|gte: 500\n  condition: sel").match(web("/", "x", 503))).not.toBeNull();
    expect(
      rule("  keywords:\n    - 'Failed password'\n  condition: keywords", "product: linux\n  service: sshd").match(
        normalizeEvent({
          event: { module: "sshd" },
          message: "sshd[1]: Failed password for x from 1.2.3.4 port 1 ssh2",
        }),
      ),
    ).not.toBeNull();
  });

  it("evaluates and/or/not, parentheses and 1 of / all of with wildcards", () => {
    const detection =
      "  sel_a:\n    cs-uri-stem|contains: /a\n  sel_b:\n    cs-uri-stem|contains: /b\n  filter:\n    c-useragent|contains: good\n";
    expect(rule(`${detection}  condition: 1 of sel_* and not filter`).match(web("/b"))).not.toBeNull();
    expect(rule(`${detection}  condition: 1 of sel_* and not filter`).match(web("/b", "goodbot"))).toBeNull();
    expect(rule(`${detection}  condition: all of sel_*`).match(web("/a/b"))).not.toBeNull();
    expect(rule(`${detection}  condition: all of sel_*`).match(web("/a"))).toBeNull();
    expect(rule(`${detection}  condition: (sel_a or sel_b) and not filter`).match(web("/a"))).not.toBeNull();
    expect(rule(`${detection}  condition: 1 of them`).match(web("/zzz", "good"))).not.toBeNull();
  });

  it("does not run webserver rules on other logs", () => {
    expect(
      rule("  keywords:\n    - root\n  condition: keywords").match(
        normalizeEvent({ event: { module: "sshd" }, message: "Failed password for root" }),
      ),
    ).toBeNull();
  });

  it("refuses unsupported constructs with the rule id and the reason", () => {
    const broken = (detection: string) =>
      parseSigmaRule(`title: t\nid: abc\nlogsource: {category: webserver}\ndetection:\n${detection}\n`, "x.yml");
    expect(broken("  sel:\n    cs-uri|frobnicate: a\n  condition: sel")).toEqual({
      error: {
        source: "x.yml",
        ruleId: "abc",
        title: "t",
        reason: 'unsupported modifier "frobnicate" on field "cs-uri"',
      },
    });
    expect(broken("  sel:\n    cs-uri: a\n  condition: sel | count() by c-ip > 10")).toMatchObject({
      error: { reason: expect.stringContaining("aggregation") },
    });
    expect(broken("  sel:\n    cs-uri: a\n  condition: sel and other")).toMatchObject({
      error: { reason: expect.stringContaining('"other"') },
    });
    expect(broken("  sel:\n    cs-uri: a\n  condition: (sel")).toMatchObject({
      error: { reason: expect.stringContaining("parenthes") },
    });
    expect(broken("  sel:\n    cs-uri|re: '(?<=a'\n  condition: sel")).toMatchObject({
      error: { reason: expect.stringContaining("regular expression") },
    });
  });
});

const corpus = path.resolve(process.cwd(), "../shared/corpora/sigma");

describe.skipIf(!fs.existsSync(corpus))("the SigmaHQ corpus (../shared/corpora/sigma)", () => {
  it("loads at least 95% of the rules, and names every one it cannot with the reason", () => {
    const { rules, errors } = loadSigmaDirectory(corpus);
    const total = rules.length + errors.length;
    expect(total).toBeGreaterThanOrEqual(169);
    expect(rules.length / total).toBeGreaterThanOrEqual(0.95);
    for (const error of errors) expect(error.reason.length).toBeGreaterThan(5);
  });
});
