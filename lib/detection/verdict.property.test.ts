// Properties of the whole verdict (payload detectors, shipped Sigma rules, reputation): it never
// throws on any event, and it does not depend on the order of fields or on harmless encodings.
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ecsEventSchema, expandDottedKeys } from "@/lib/pipeline/ecs.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { loadSigmaDirectory } from "./sigma-engine/index.ts";
import { parseReputationList } from "./reputation.ts";
import { verdictOf, type Ruleset } from "./verdict.ts";

const ruleset: Ruleset = {
  paranoia: 2,
  sigma: loadSigmaDirectory(path.resolve(import.meta.dirname, "../../rules")).rules,
  reputation: [parseReputationList("test", "192.0.2.0/24\n").list],
  disabled: new Set(),
  suppressions: [],
};

const ids = (raw: Record<string, unknown>) => {
  const parsed = ecsEventSchema.safeParse(expandDottedKeys(raw));
  if (!parsed.success) return null;
  return verdictOf(normalizeEvent(parsed.data, new Date(0)), ruleset)
    .detections.map((d) => d.id)
    .sort();
};

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constantFrom(
    "' or 1=1--",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "${jndi:ldap://x}",
    "; cat /etc/passwd",
    "%2e%2e%2f",
    "&#x3c;svg onload=1&#x3e;",
  ),
);
const event = fc.record(
  {
    url: fc.record({ original: text.map((t) => `/p?a=${t}`) }),
    http: fc.record({
      request: fc.record({ method: fc.constantFrom("GET", "POST"), body: fc.record({ content: text }) }),
    }),
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
const encodeUnreserved = (s: string, upper: boolean) =>
  s.replace(/[A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16)[upper ? "toUpperCase" : "toLowerCase"]()}`);

describe("verdict properties", () => {
  it("never throws, whatever the event", () => {
    fc.assert(
      fc.property(event, (raw) => void ids(raw)),
      { numRuns: 300 },
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
      fc.constantFrom("1' union select 1--", "<svg onload=alert(1)>", "../../etc/shadow", "x;cat /etc/passwd"),
    );
    fc.assert(
      fc.property(value, fc.boolean(), (v, upper) => {
        const plain = encodeURIComponent(v);
        const encoded = encodeUnreserved(plain, upper);
        expect(ids({ url: { original: `/p?a=${encoded}` } })).toEqual(ids({ url: { original: `/p?a=${plain}` } }));
      }),
      { numRuns: 300 },
    );
  });
});
