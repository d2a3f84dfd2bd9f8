// Property tests, one block per URL technique in ../path/TECHNIQUES.md: internal addresses in
// every notation the server's parsers accept, parser-confusion tricks, remote inclusion shapes,
// open-redirect forms; ordinary links to public sites must stay quiet.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventWith, grammarIds, PLACEMENTS } from "@/lib/testing/grammar-events.ts";
import { internalHost, parseIpv4, parseIpv6 } from "./host.ts";

const label = fc.stringMatching(/^[a-tvwyz][a-z0-9]{2,8}$/);
const domain = fc.tuple(label, fc.constantFrom("com", "net", "org", "io", "example")).map(([a, b]) => `${a}.${b}`);
const placement = fc.constantFrom(...PLACEMENTS);
const fires = (ids: string[], value: string, where: (typeof PLACEMENTS)[number] | "path", name = "target"): void => {
  const found = grammarIds(eventWith(value, where, name));
  expect(
    found.some((id) => ids.includes(id)),
    `${JSON.stringify(value)} → ${found.join(",")}`,
  ).toBe(true);
};
const SSRF = ["sn-ssrf-internal", "sn-ssrf-internal-host"];

/** An IPv4 address written as inet_aton and WHATWG accept it: dotted, decimal, octal, hex, shortened, mixed. */
function notations(a: number, b: number, c: number, d: number): string[] {
  const n = ((a * 256 + b) * 256 + c) * 256 + d;
  return [
    `${a}.${b}.${c}.${d}`,
    String(n),
    `0${a.toString(8)}.${b}.${c}.${d}`,
    `0x${n.toString(16)}`,
    `0x${a.toString(16)}.${b}.${c * 256 + d}`,
    `${a}.${b * 65536 + c * 256 + d}`,
    `${a}.0x${b.toString(16)}.0${c.toString(8)}.${d}`,
  ];
}
const internal = fc.oneof(
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })),
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.integer({ min: 1, max: 254 })),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.integer({ min: 1, max: 254 })),
  fc.constant([169, 254, 169, 254] as [number, number, number, number]),
);

describe("host notations (host.ts)", () => {
  it("reads every IPv4 notation of an address as that address", () => {
    fc.assert(
      fc.property(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), (a, b, c, d) => {
        const n = ((a * 256 + b) * 256 + c) * 256 + d;
        for (const text of notations(a, b, c, d)) expect(parseIpv4(text), text).toBe(n);
      }),
    );
  });
  it("reads IPv6 loopback, mapped and translated forms as internal", () => {
    for (const host of [
      "[::1]",
      "[0:0:0:0:0:0:0:1]",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[64:ff9b::10.0.0.1]",
      "[fe80::1%25eth0]",
      "[fd00:ec2::254]",
      "[::]",
    ])
      expect(internalHost(host), host).not.toBeNull();
    expect(parseIpv6("2001:db8::1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(internalHost("[2606:4700::1111]")).toBeNull();
    expect(internalHost("8.8.8.8")).toBeNull();
  });
});

describe("SSRF: a URL aimed at the server's own network", () => {
  it("fires on internal IPv4 in every notation, any scheme, with userinfo or backslash tricks", () => {
    fc.assert(
      fc.property(
        internal,
        fc.nat(6),
        fc.constantFrom(
          "http://",
          "https://",
          "gopher://",
          "dict://",
          "ftp://",
          "ldap://",
          "HTTP://",
          "http:\\\\",
          "//",
        ),
        fc.constantFrom("", "user@", "user:pw@", "good.example@"),
        fc.constantFrom("", ":80", ":6379"),
        fc.constantFrom("/", "/admin", "/latest/meta-data/", ""),
        placement,
        ([a, b, c, d], which, scheme, userinfo, port, path, where) =>
          fires(SSRF, `${scheme}${userinfo}${notations(a, b, c, d)[which]}${port}${path}`, where),
      ),
      { numRuns: 200 },
    );
  });
  it("fires on IPv6 and on names that resolve inside by design", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "[::1]",
          "[::ffff:127.0.0.1]",
          "[0:0:0:0:0:ffff:7f00:1]",
          "localhost",
          "LOCALHOST",
          "api.localhost",
          "metadata.google.internal",
          "host.docker.internal",
          "127.0.0.1.nip.io",
          "kubernetes.default.svc",
          "0.0.0.0",
          "127.1",
          "0",
        ),
        fc.constantFrom("http://", "https://", "gopher://"),
        label,
        placement,
        (host, scheme, path, where) => fires(SSRF, `${scheme}${host}/${path}`, where),
      ),
    );
  });
  it("fires on a host a validator and a fetcher read differently", () => {
    fc.assert(
      fc.property(domain, (good) => {
        fires(SSRF, `http://127.0.0.1\\@${good}/`, "query");
        fires(SSRF, `http://${good}#@127.0.0.1/`, "query");
        fires(SSRF, `http://${good}@169.254.169.254/latest/meta-data/`, "query");
      }),
    );
  });
});

describe("RFI: a URL an include would fetch and run", () => {
  it("fires on an IP host, a trailing '?', a NUL, a script path, or a disk-named parameter", () => {
    fc.assert(
      fc.property(domain, label, fc.constantFrom("http://", "https://", "ftp://"), (host, file, scheme) => {
        fires(["sn-rfi-remote-url"], `${scheme}203.0.113.${file.length}/${file}`, "query", "page");
        fires(["sn-rfi-remote-url"], `${scheme}${host}/${file}.txt?`, "query", "page");
        fires(["sn-rfi-remote-url"], `${scheme}${host}/${file}.php`, "query", "page");
        fires(["sn-rfi-path-param"], `${scheme}${host}/${file}`, "query", "include_path");
      }),
    );
  });
});

describe("open redirect: a link off the site", () => {
  it("fires on protocol-relative, backslash, tab-broken, slash-less and userinfo forms", () => {
    fc.assert(
      fc.property(
        domain,
        fc.constantFrom(
          "//",
          "/\\",
          "\\\\",
          "\\/\\/",
          "/\t/",
          "///",
          "https:",
          "http:/",
          "https:\\\\",
          "https://shop.example@",
          "/https://",
          "//https://",
        ),
        fc.constantFrom(...PLACEMENTS, "path" as const),
        (host, form, where) => {
          if (where === "path" && !/^[/\\]/.test(form)) return;
          fires(["sn-open-redirect"], `${form}${host}/`, where, "next");
        },
      ),
      { numRuns: 150 },
    );
  });
  it("fires on an off-site URL in a redirect parameter, and stays quiet on the site's own", () => {
    fc.assert(
      fc.property(domain, fc.constantFrom("next", "redirect", "returnUrl", "return_to", "continue"), (host, name) => {
        fires(["sn-open-redirect"], `https://${host}/welcome`, "query", name);
        expect(grammarIds(eventWith("https://shop.example/account", "query", name))).toEqual([]);
        expect(grammarIds(eventWith("/account/settings", "query", name))).toEqual([]);
      }),
    );
  });
});

describe("ordinary URLs stay quiet", () => {
  it("links to public sites in ordinary parameters, and URL-ish prose", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(domain, label).map(([h, p]) => `https://${h}/${p}`),
          fc.tuple(domain, label).map(([h, p]) => `https://www.${h}/${p}?ref=home#top`),
          fc.constantFrom(
            "see https://docs.example.org/guide for details",
            "the dev server runs on http://localhost:3000 by default",
            "ping 10.0.0.1 then 10.0.0.2",
            "10.0.0.5",
            "192.168.1.0/24",
            "1/2",
            "0.5/1",
            "localhost",
            "mailto:alice@example.org",
            "user@example.com",
            "data:image/png;base64,iVBORw0KGgo=",
            "https://cdn.example.net/u/42.png",
          ),
        ),
        fc.constantFrom("q", "link", "website", "image", "share"),
        placement,
        (text, name, where) => {
          expect(grammarIds(eventWith(text, where, name))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
