// Shared property for the grammar detectors' tests: never throws on arbitrary strings, and stays
// within a generous time bound on long runs of the characters its grammar is made of.
import fc from "fast-check";
import { expect } from "vitest";
import type { PayloadDetector } from "../payloads/types.ts";
import { name, value } from "./test-inputs.ts";

export function expectRobust(detectors: readonly PayloadDetector[], units: readonly string[]) {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.boolean(), (s, asName) => {
      const input = asName ? name(s) : value(s);
      for (const d of detectors) d.match(input, input.decoded);
      return true;
    }),
  );
  for (const unit of units) {
    const input = value(unit.repeat(Math.ceil(16_000 / unit.length)));
    const start = performance.now();
    for (const d of detectors) d.match(input, input.decoded);
    expect(performance.now() - start).toBeLessThan(1000);
  }
}
