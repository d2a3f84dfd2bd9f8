// A batch's detector errors as plain data: one entry per detector, fit to post from a worker thread.
import { describe, expect, it } from "vitest";
import { DetectorErrorTally } from "./detector-error-tally.ts";

describe("detector error tally", () => {
  it("keeps one entry per detector: how many events it threw on, the first event and its error as text", () => {
    const tally = new DetectorErrorTally();
    tally.sink("ev-1")({ detector: "a", error: new RangeError("first") });
    tally.sink("ev-2")({ detector: "a", error: new Error("second") });
    tally.sink()({ detector: "b", error: Object.create(null) });
    tally.sink("ev-3")({ detector: "c", error: Symbol("odd") });
    const [a, b, c] = tally.list();
    expect(a).toMatchObject({ detector: "a", count: 2, eventId: "ev-1" });
    expect(a!.error).toMatch(/^RangeError: first\n\s+at /);
    expect(b).toEqual({ detector: "b", count: 1, error: "unprintable object" });
    expect(c).toEqual({ detector: "c", count: 1, error: "Symbol(odd)", eventId: "ev-3" });
    // Plain data: it survives postMessage from a worker thread.
    expect(structuredClone(tally.list())).toEqual(tally.list());
  });
});
