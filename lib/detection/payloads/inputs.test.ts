// The detector input layer reads each field up to its cap (issue 18, finding 5): a longer value is
// still scanned, up to the cap, and no input handed to a detector is longer than it.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";
import { INPUT_CAPS, inputsOf } from "./inputs.ts";

const padding = "a".repeat(100_000);
const event = normalizeEvent({
  url: { original: "/" },
  http: {
    request: {
      method: "GET",
      referrer: `https://example.com/?q=' union select password from users--${padding}`,
      cookie: `id=<script>alert(1)</script>${padding}`,
      headers: { "x-note": `;cat /etc/passwd ${padding}` },
    },
  },
} as never);

describe("detector inputs", () => {
  it("cuts referrer, cookie and header values at their caps before any pattern", () => {
    const inputs = inputsOf(event);
    for (const field of ["http.request.referrer", "http.request.cookie", "http.request.headers"] as const) {
      const of = inputs.filter((i) => i.field === field);
      expect(of.length).toBeGreaterThan(0);
      for (const input of of) expect(input.raw.length).toBeLessThanOrEqual(INPUT_CAPS[field]);
    }
  });

  it("still finds attacks at the start of values longer than the cap", () => {
    const ids = detectPayloads(event).map((d) => `${d.id} ${d.field}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        "sn-sqli-union http.request.referrer",
        "sn-xss-script-tag http.request.cookie",
        "sn-cmdi-chain http.request.headers",
      ]),
    );
  });
});
