// Session fixation: values that write a cookie, and framework session ids passed as parameters
// from another site or from no page; and the same ids on links an application rewrote itself,
// prose about cookies and ordinary parameters, which must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const request = (url: string, extra: { referrer?: string; body?: string; domain?: string; host?: string } = {}) =>
  normalizeEvent({
    url: { original: url, ...(extra.domain ? { domain: extra.domain } : {}) },
    http: {
      request: {
        method: extra.body ? "POST" : "GET",
        ...(extra.referrer ? { referrer: extra.referrer } : {}),
        ...(extra.body ? { body: { content: extra.body } } : {}),
        ...(extra.host ? { headers: { Host: extra.host } } : {}),
      },
    },
  });
const query = (value: string) => request(`/p?x=${encodeURIComponent(value)}`);
const sessionIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.id.startsWith("sn-session-"))
    .map((d) => d.id);

describe("session fixation detectors", () => {
  it.each([
    ["sn-session-cookie-write", query('<script>document.cookie="sid=attacker; path=/"</script>')],
    ["sn-session-cookie-write", query("x';document . cookie='PHPSESSID=abc';'")],
    ["sn-session-cookie-write", query("a.cookie;domain=.shop.example")],
    [
      "sn-session-cookie-write",
      request("/c", {
        body: '{"bio":"<img src=x onerror=\\"this.ownerDocument.cookie=\'s=1; expires=Fri, 1 Jan 2100 00:00:00 GMT\'\\">"}',
      }),
    ],
    ["sn-session-id-parameter", request("/login?JSESSIONID=9A1F0C77B2D4E6")],
    ["sn-session-id-parameter", request("/account;jsessionid=9A1F0C77B2D4E6?next=/")],
    [
      "sn-session-id-parameter",
      request("/login.php?PHPSESSID=attackerchosen", {
        referrer: "https://forum.evil.example/thread/1",
        domain: "shop.example",
      }),
    ],
    ["sn-session-id-parameter", request("/sso", { body: '{"ASP.NET_SessionId":"x"}' })],
  ])("%s fires on %#", (id, event) => {
    expect(sessionIds(event)).toContain(id);
  });

  it.each([
    [
      "a link the application rewrote, followed from its own page",
      request("/cart;jsessionid=9A1F0C77B2D4E6", { referrer: "https://shop.example/catalog", domain: "shop.example" }),
    ],
    [
      "the same, the site named by the Host header",
      request("/cart?jsessionid=9A1F0C77B2D4E6", {
        referrer: "https://shop.example/catalog",
        host: "shop.example:8443",
      }),
    ],
    ["prose about cookies", query("Our cookie; path to consent is described in the policy")],
    ["a question about document.cookie", query("why is document.cookie empty in Safari?")],
    ["a session parameter that is no framework's id", request("/api/v1/sessions?session=3&sessionTimeout=30")],
    ["a cookie-named field in JSON", request("/prefs", { body: '{"cookie":"accepted","domain":"example.org"}' })],
  ])("stays quiet on %s", (_label, event) => {
    expect(sessionIds(event)).toEqual([]);
  });
});
