// Property tests, one block per technique in TECHNIQUES.md: generated variants of each path
// technique (depth, separators, encodings, case, padding, placement) must fire, and hard benign
// text (prose with dots, versions, relative links, file names, non-Latin text) must not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventWith, grammarIds, PLACEMENTS } from "@/lib/testing/grammar-events.ts";

// Not starting with "x" or "u": "\\x0a" and "\\u0041" are escapes the shared decoder undoes.
const word = fc.stringMatching(/^[a-tvwyz][a-z0-9]{2,8}$/);
const placement = fc.constantFrom(...PLACEMENTS);
const caseOf = (text: string, upper: boolean[]) =>
  [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
const DOTS = [
  "..",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%252e%252e",
  "%c0%ae%c0%ae",
  "%e0%80%ae%e0%80%ae",
  "%u002e%u002e",
  "\uff0e\uff0e",
];
const SEPARATORS = ["/", "\\", "%2f", "%5c", "%252f", "%c0%af", "%e0%80%af", "%c1%9c", "%u2215", "\u2215", "//", "/./"];
const fires = (id: string, value: string, where: (typeof PLACEMENTS)[number] | "path"): void => {
  expect(grammarIds(eventWith(value, where))).toContain(id);
};

describe("path traversal: a path that climbs out of its folder", () => {
  it("fires on any depth, dot-dot spelling and separator, in every placement", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...DOTS),
        fc.constantFrom(...SEPARATORS),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        placement,
        (depth, dots, sep, names, where) => {
          // The percent forms are wire encodings: decode them once, as the client's URL encoding would carry them.
          const climb = `${dots}${sep}`.repeat(depth);
          fires("sn-lfi-traversal", decodeURIComponentSafe(climb) + names.join("/"), where);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("fires on the forms a filter that strips '../' once turns back into '../'", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("....//", "..././", "....\\\\", "...\\.\\"),
        fc.integer({ min: 2, max: 6 }),
        word,
        (unit, depth, name) => fires("sn-lfi-traversal", `${unit.repeat(depth)}${name}.txt`, "query"),
      ),
    );
  });

  it("fires on '..;/' (servlet path parameter) and on a parent step inside a URL path", () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom("..;/", "..;jsessionid=1/", "../", "%2e%2e/"), (a, b, step) =>
        fires("sn-lfi-traversal", `/${a}/${step}${b}/x`, "path"),
      ),
    );
  });

  it("fires on an unknown separator repeated after each '..' (best-fit mappings)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("\uefc8", "\uf025", "\u2216", "\u00a5"),
        fc.integer({ min: 2, max: 6 }),
        word,
        (c, depth, name) => fires("sn-lfi-traversal", `${`..${c}`.repeat(depth)}${name}`, "query"),
      ),
    );
  });
});

describe("local file inclusion: a path that lands on a file worth reading", () => {
  const landing = fc.oneof(
    fc
      .tuple(fc.constantFrom("passwd", "shadow", "group", "hosts", "sudoers", "crontab"), word)
      .map(([f]) => `/etc/${f}`),
    word.map((w) => `/etc/${w}/${w}.conf`),
    fc.constantFrom("environ", "cmdline", "maps", "status").map((f) => `/proc/self/${f}`),
    word.map((w) => `c:\\windows\\system32\\${w}.dll`),
    fc
      .constantFrom("win.ini", "boot.ini", "web.config", ".htpasswd", "wp-config.php", ".env", "id_rsa")
      .map((f) => `/srv/app/${f}`),
    fc.tuple(word, word).map(([u, k]) => `/home/${u}/.ssh/${k}`),
    fc.tuple(word, word).map(([a, b]) => `/${a}/.git/${b}`),
    fc.tuple(word, word).map(([a, b]) => `/opt/${a}/logs/${b}.log`),
    fc.tuple(word, word).map(([a, b]) => `/var/www/${a}/WEB-INF/${b}.xml`),
  );
  it("fires on system, credential, repository and log locations, however padded or cased", () => {
    fc.assert(
      fc.property(
        landing,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("", "/", "/./"),
        placement,
        (path, upper, pad, where) => {
          const padded = path.replace(/\//g, (s) => s + pad.slice(1)).replace(/^\/+/, "/");
          fires("sn-lfi-system-file", caseOf(padded, upper), where);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("fires on a sensitive file cut short by a NUL byte before an appended extension", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("/etc/passwd", "../../boot.ini", "/proc/self/environ"),
        fc.constantFrom(".png", ".php", ".html"),
        (path, ext) => fires("sn-lfi-system-file", `${path}\u0000${ext}`, "query"),
      ),
    );
  });

  it("fires on stream wrappers and archive schemes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "php://filter/convert.base64-encode/resource=",
          "php://filter/read=string.rot13/resource=",
          "php://input#",
          "phar://uploads/",
          "zip://uploads/",
          "expect://",
          "file:///",
          "data://text/plain;base64,",
          "data:text/plain,",
          "compress.zlib://",
        ),
        word,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        placement,
        (scheme, rest, upper, where) => fires("sn-lfi-wrapper", caseOf(scheme, upper) + rest, where),
      ),
    );
  });
});

describe("hard benign text stays quiet", () => {
  const benign = fc.oneof(
    fc.constantFrom(
      "wait... what? and then.../ nothing",
      "see more.... // comments",
      "release 1.2.3 .. 1.4.0 changelog",
      "compare v2.1..v2.3",
      "docs/intro.html",
      "./img/logo.png",
      "/about/team",
      "report-2026.final.pdf",
      "where is php.ini on ubuntu?",
      "the .env file holds settings",
      "1/2 cup of flour, 3/4 tsp salt",
      "2026/12/02",
      "フォルダ /tmp の中身を確認",
      "தமிழ் கோப்பு / அடைவு",
      "Это путь к файлу: документы/отчёт.docx",
      '{"path":"src/index.ts","line":12}',
      "alice@example.org",
      "C: drive is full on Windows 11",
      "https://en.wikipedia.org/wiki/Path_(computing)",
      "https://github.com/org/repo/compare/v1.0...v2.0",
      "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/132.0",
    ),
    fc.tuple(word, word, fc.constantFrom(".png", ".css", ".js", ".pdf")).map(([a, b, e]) => `${a}/${b}${e}`),
    fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([a, b]) => `v${a}.${b}...v${a}.${b + 1}`),
  );
  it("in every placement", () => {
    fc.assert(
      fc.property(benign, fc.constantFrom(...PLACEMENTS, "path" as const), (text, where) => {
        // A whole URL after the first slash of a URL path is an open-redirect form, not a benign path.
        if (where === "path" && text.startsWith("http")) return;
        expect(grammarIds(eventWith(text, where, "q"))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("robustness", () => {
  it("never throws and stays fast on arbitrary and long strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), placement, (text, where) => {
        grammarIds(eventWith(text, where));
      }),
      { numRuns: 200 },
    );
    const long = `${"../".repeat(3000)}${"a/".repeat(3000)}${"..\uefc8".repeat(1000)}${"%c0%af".repeat(500)}`;
    const start = performance.now();
    grammarIds(eventWith(long, "json"));
    expect(performance.now() - start).toBeLessThan(250);
  });
});

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
