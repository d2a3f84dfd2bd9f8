// Request headers of a closed grammar (Accept, Accept-Encoding, Connection, Cache-Control…): what
// every client sends stays quiet through the whole engine, and a value outside the grammar is read
// as any other header.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "../../payloads/index.ts";
import { isPlainRequestHeader } from "./request-headers.ts";

const ids = (headers: Record<string, string>, paranoia: 1 | 4 = 1) =>
  detectPayloads(normalizeEvent({ url: { original: "/api/items" }, http: { request: { method: "GET", headers } } }), {
    paranoia,
  }).map((d) => d.id);

const token = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,12}$/);
const q = fc.option(
  fc.integer({ min: 0, max: 9 }).map((n) => `;q=0.${n}`),
  { nil: "" },
);

describe("request headers of a closed grammar", () => {
  it("stays quiet on generated media ranges, codings, languages and directives at every paranoia level", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constant("*"), token), fc.oneof(fc.constant("*"), token), q), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.tuple(token, q), { minLength: 1, maxLength: 4 }),
        (ranges, codings) => {
          const accept = ranges.map(([t, s, w]) => `${t}/${s}${w}`).join(", ");
          const encoding = codings.map(([c, w]) => `${c}${w}`).join(",");
          expect(isPlainRequestHeader("Accept", accept)).toBe(true);
          expect(ids({ accept, "accept-encoding": encoding, connection: "keep-alive" }, 4)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    for (const accept of ["*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
      expect(ids({ accept, "accept-language": "en-US,en;q=0.5", "cache-control": "max-age=0" })).toEqual([]);
  });
  it("reads a value outside the grammar as any other header", () => {
    expect(isPlainRequestHeader("accept", "../../../../etc/passwd")).toBe(false);
    expect(ids({ accept: "../../../../etc/passwd" }).length).toBeGreaterThan(0);
    expect(isPlainRequestHeader("accept", "*/*\r\nSet-Cookie: a=1")).toBe(false);
    expect(isPlainRequestHeader("x-custom", "*/*")).toBe(false);
    for (const value of [
      "a/b;x=`id`",
      "gzip|id",
      "*/*;q=$(id)",
      "a/b;x=$HOME",
      "gzip&id",
      "a/b;x='1'",
      'a/b;x="$(id)"',
    ])
      expect([value, isPlainRequestHeader("accept", value) || isPlainRequestHeader("accept-encoding", value)]).toEqual([
        value,
        false,
      ]);
    expect(isPlainRequestHeader("accept", `${"a/b,".repeat(200)}a/b`)).toBe(false);
  });
});
