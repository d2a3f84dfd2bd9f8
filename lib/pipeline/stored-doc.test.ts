import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventDoc } from "@/lib/detection/event.ts";
import { splitForStorage, storedDocument } from "./stored-doc.ts";

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const object = (shape: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .record(shape, { requiredKeys: [] })
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

// Documents with the promoted paths holding values of any type (or absent), next to other keys.
const doc = fc.record(
  {
    "@timestamp": fc.constant("2026-12-03T10:00:00Z"),
    event: object({ id: fc.string(), kind: anyValue, module: anyValue, outcome: anyValue, extra: anyValue }),
    source: maybe(object({ ip: anyValue, port: anyValue, geo: anyValue })),
    http: maybe(
      object({
        request: maybe(object({ method: anyValue, body: anyValue })),
        response: maybe(object({ status_code: anyValue })),
      }),
    ),
    user_agent: maybe(object({ original: anyValue })),
    message: maybe(anyValue),
    labels: maybe(fc.dictionary(fc.string(), fc.string())),
  },
  { requiredKeys: ["@timestamp", "event"] },
);

describe("an event's stored form", () => {
  it("gives back the document it was split from, and leaves that document as it was", () => {
    fc.assert(
      fc.property(doc, (original) => {
        const before = structuredClone(original);
        const { rest, columns } = splitForStorage(original as EventDoc);
        expect(original).toEqual(before);
        // As the database gives it back: JSON (absent columns come back null or absent alike).
        const row = JSON.parse(JSON.stringify({ ...columns, doc: rest }));
        expect(storedDocument(row)).toEqual(JSON.parse(JSON.stringify(original)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps a value in one place only: the column when it has the column's type", () => {
    const { rest, columns } = splitForStorage({
      "@timestamp": "2026-12-03T10:00:00Z",
      event: { id: "e1", module: "nginx" },
      source: { ip: "203.0.113.5", port: 443 },
      url: { original: "/search?q=1" },
      message: "GET /search?q=1",
      custom: { kept: true },
    } as EventDoc);
    expect(columns).toEqual({
      eventId: "e1",
      module: "nginx",
      sourceIp: "203.0.113.5",
      sourcePort: 443,
      urlOriginal: "/search?q=1",
      message: "GET /search?q=1",
    });
    // Emptied objects go too.
    expect(rest).toEqual({ "@timestamp": "2026-12-03T10:00:00Z", custom: { kept: true } });
  });

  it("treats keys such as __proto__ as plain data", () => {
    const hostile = JSON.parse(
      '{"@timestamp":"2026-12-03T10:00:00Z","event":{"id":"x","__proto__":{"polluted":1}},"__proto__":{"a":1}}',
    );
    const { rest, columns } = splitForStorage(hostile as EventDoc);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(storedDocument({ ...columns, doc: JSON.parse(JSON.stringify(rest)) })).toEqual(hostile);
  });
});
