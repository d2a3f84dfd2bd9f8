// Properties of the whole verdict (payload detectors, shipped Sigma rules, reputation): it never
// throws on any event, no detector or rule throws either (the engine reports those instead of
// failing the event: each is a detector that silently does not fire), and it does not depend on
// the order of fields or on harmless encodings.
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ecsEventSchema, expandDottedKeys } from "@/lib/pipeline/ecs.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { loadSigmaDirectory } from "./sigma-engine/index.ts";
import { parseReputationList } from "./reputation.ts";
import { describeError } from "./detector-error-tally.ts";
import { verdictOf, type Ruleset } from "./verdict.ts";

const ruleset: Ruleset = {
  paranoia: 2,
  sigma: loadSigmaDirectory(path.resolve(import.meta.dirname, "../../rules")).rules,
  reputation: [parseReputationList("test", "192.0.2.0/24\n").list],
  disabled: new Set(),
  suppressions: [],
};

/** The ids that fire on the event; fails the property when any detector or rule threw on it. */
const ids = (raw: Record<string, unknown>) => {
  const parsed = ecsEventSchema.safeParse(expandDottedKeys(raw));
  if (!parsed.success) return null;
  const errors: { detector: string; error: string }[] = [];
  const verdict = verdictOf(normalizeEvent(parsed.data, new Date(0)), ruleset, ({ detector, error }) =>
    errors.push({ detector, error: describeError(error) }),
  );
  expect(errors, "detectors that threw").toEqual([]);
  return verdict.detections.map((d) => d.id).sort();
};

const ATTACKS = [
  "' or 1=1--",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "; cat /etc/passwd",
  "%2e%2e%2f",
  "&#x3c;svg onload=1&#x3e;",
  "1 union select null,version()--",
  "<?php system($_GET[c]); ?>",
  "http://169.254.169.254/latest/meta-data/",
  "JSESSIONID=abc",
  'O:8:"stdClass":0:{}',
  "{{7*7}}",
  "__proto__[x]=1",
  "\u0000",
  "%u003c",
  "=cmd|' /C calc'!A0",
];

const attack = fc.constantFrom(...ATTACKS);
/** Pieces of attacks glued with odd characters: the near misses where detectors' code takes odd paths. */
const fragments = fc
  .array(
    fc.oneof(
      attack.map((a) => a.slice(0, Math.ceil(a.length / 2))),
      fc.string({ maxLength: 6 }),
      attack,
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));
const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 200 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 80 }), weight: 2 },
  { arbitrary: attack, weight: 2 },
  { arbitrary: fragments, weight: 3 },
  { arbitrary: fc.string({ minLength: 2000, maxLength: 6000 }), weight: 1 },
  {
    arbitrary: fc.stringMatching(/^(?:%[0-9a-fA-F]{0,2}|\\x[0-9a-f]{2}|&#\d{0,3};?|[<>'"`;|&$(){}\[\]])+$/),
    weight: 1,
  },
);
const url = fc.oneof(
  text.map((t) => `/p?a=${t}`),
  fc.tuple(text, text, text).map(([p, q, h]) => `/${p}?${q}#${h}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  text,
  fc.constantFrom("", "?", "%", "/%zz", "//", "/?&&==&", "/a?=", "/a?a=1&a=2&a[]=3", "*"),
);
const body = fc.oneof(
  text,
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 4 }).map((d) => JSON.stringify(d)),
  fc
    .array(fc.tuple(fc.string({ maxLength: 10 }), text), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&")),
);
const event = fc.record(
  {
    "@timestamp": fc.constant("2026-01-01T00:00:00Z"),
    event: fc.record(
      {
        category: fc.array(fc.constantFrom("authentication", "web", "network", "process"), { maxLength: 2 }),
        action: fc.oneof(text, fc.constantFrom("ssh_login", "login", "logout", "sudo")),
        outcome: fc.constantFrom("success", "failure", "unknown"),
        module: fc.constantFrom("sshd", "nginx", "apache", "auth", "securenet"),
      },
      { requiredKeys: [] },
    ),
    source: fc.record({ ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant("192.0.2.7")), port: fc.nat(65535) }),
    user: fc.record({ name: fc.oneof(fc.string({ maxLength: 30 }), attack) }),
    host: fc.record({ name: fc.string({ maxLength: 30 }) }),
    url: fc.record({ original: url }),
    http: fc.record(
      {
        request: fc.record(
          {
            method: fc.constantFrom("GET", "POST", "PUT", "OPTIONS", "PROPFIND", "get", ""),
            body: fc.record({ content: body }),
            referrer: url,
            cookie: fc.oneof(
              text,
              fc.tuple(text, text).map(([a, b]) => `a=${a}; JSESSIONID=${b}`),
            ),
            headers: fc.dictionary(fc.string({ maxLength: 20 }), text, { maxKeys: 4 }),
          },
          { requiredKeys: [] },
        ),
        response: fc.record({ status_code: fc.integer({ min: 100, max: 599 }) }),
      },
      { requiredKeys: [] },
    ),
    user_agent: fc.record({ original: text }),
    message: text,
    labels: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    extra: fc.jsonValue({ maxDepth: 4 }),
  },
  { requiredKeys: [] },
);

function shuffle(value: unknown, seed: number): unknown {
  if (Array.isArray(value) || !value || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([k, v]) => [k, shuffle(v, seed + 1)] as const);
  entries.sort((a, b) => ((a[0].charCodeAt(0) * 31 + seed) % 7) - ((b[0].charCodeAt(0) * 31 + seed) % 7));
  return Object.fromEntries(entries);
}

/** Percent-encodes letters and digits (unreserved: harmless), upper or lower case hex. */
/**
 * The value percent-encoded once, letters and digits too (`a` → `%61`): one layer, as a client may
 * send it. Encoding the digits of `%3E` again would be a second layer (double encoding, itself an
 * evasion signal), not the same request.
 */
const encodeUnreserved = (s: string, upper: boolean) =>
  [...s]
    .map((c) =>
      /[A-Za-z0-9]/.test(c)
        ? `%${c.charCodeAt(0).toString(16)[upper ? "toUpperCase" : "toLowerCase"]()}`
        : encodeURIComponent(c),
    )
    .join("");

describe("verdict properties", () => {
  it("never throws, whatever the event", () => {
    fc.assert(
      fc.property(event, (raw) => void ids(raw)),
      { numRuns: 1500 },
    );
  });

  it("does not depend on the order of fields", () => {
    fc.assert(
      fc.property(event, fc.nat(50), (raw, seed) => {
        expect(ids(shuffle(raw, seed) as Record<string, unknown>)).toEqual(ids(raw));
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on harmless percent-encoding of query values", () => {
    const value = fc.oneof(
      fc.stringMatching(/^[a-z0-9 '<>()=;.\/-]{0,40}$/),
      fc.constantFrom("1' union select 1--", "<svg onload=alert(1)>", "../../etc/shadow", "x;cat /etc/passwd", " >..;"),
    );
    fc.assert(
      fc.property(value, fc.boolean(), (v, upper) => {
        const plain = encodeURIComponent(v);
        const encoded = encodeUnreserved(v, upper);
        expect(ids({ url: { original: `/p?a=${encoded}` } })).toEqual(ids({ url: { original: `/p?a=${plain}` } }));
      }),
      { numRuns: 300 },
    );
  });
});
