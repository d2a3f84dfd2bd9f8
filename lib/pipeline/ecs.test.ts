// Dotted-key expansion over hostile keys (issue 18, finding 1): no key, at any depth, reaches a
// prototype.
import { afterEach, describe, expect, it } from "vitest";
import { expandDottedKeys } from "./ecs.ts";

const SEGMENTS = ["__proto__", "constructor", "prototype"];

function ownAdditions() {
  const leaked = Object.getOwnPropertyNames(Object.prototype).filter((key) => key.startsWith("polluted"));
  for (const key of leaked) delete (Object.prototype as Record<string, unknown>)[key];
  return leaked;
}

/** {"a": {"b": ... {key: value}}} with `depth` levels above `key`. */
function nestAt(depth: number, key: string, value: unknown): Record<string, unknown> {
  let node: Record<string, unknown> = { [key]: value };
  for (let i = 0; i < depth; i++) node = { [`level${i}`]: node, "x.y": 1 };
  return node;
}

describe("expandDottedKeys with prototype segments", () => {
  afterEach(() => void ownAdditions());

  it("leaves Object.prototype untouched, whatever the segment, its position and the depth", () => {
    for (let depth = 0; depth < 6; depth++) {
      for (const segment of SEGMENTS) {
        for (const key of [
          `${segment}.polluted${depth}`,
          `a.${segment}.polluted${depth}`,
          `${segment}.prototype.polluted${depth}`,
          `constructor.${segment}.polluted${depth}`,
        ]) {
          expandDottedKeys(nestAt(depth, key, "1"));
          expandDottedKeys(nestAt(depth, key, { nested: "1", "polluted.x": 1 }));
        }
        // A literal "__proto__" own key (as JSON.parse makes one), beside a dotted key that forces expansion.
        expandDottedKeys(JSON.parse(`{"a.b": 1, "${segment}": {"polluted${depth}": "1"}}`));
      }
    }
    expect(ownAdditions()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted0).toBeUndefined();
  });

  it("keeps a key with a prototype segment whole, as plain data, and expands the rest", () => {
    const out = expandDottedKeys({
      "source.ip": "192.0.2.1",
      "__proto__.polluted": "1",
      "http.request.headers": { "constructor.prototype.x": "1", "x-ok": "2" },
    }) as Record<string, unknown>;
    expect(out).toEqual({
      source: { ip: "192.0.2.1" },
      "__proto__.polluted": "1",
      http: { request: { headers: { "constructor.prototype.x": "1", "x-ok": "2" } } },
    });
    expect(Object.getPrototypeOf(out)).toBe(null);
    expect(JSON.stringify(out)).toContain('"__proto__.polluted":"1"');
  });
});
