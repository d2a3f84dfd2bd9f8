import { describe, expect, it } from "vitest";
import { scoreWithinBudget } from "./scoring-budget.ts";
import type { Detection } from "./types.ts";

const detection = (id: string) =>
  ({ id, category: "other", title: id, points: 1, field: "message", reason: "test" }) as Detection;

describe("scoring within a batch's time budget", () => {
  it("scores events in order until the budget is spent, then leaves the rest unscored (never dropped)", () => {
    let now = 0;
    // Each event costs 40 ms on this clock; the budget is 100 ms: three are scored (0, 40, 80 < 100).
    const scored = scoreWithinBudget(
      ["a", "b", "c", "d", "e"],
      (e) => ((now += 40), [detection(e)]),
      100,
      () => now,
    );
    expect(scored.fired).toEqual([[detection("a")], [detection("b")], [detection("c")], [], []]);
    expect(scored.unscored).toEqual([3, 4]);
  });

  it("leaves nothing unscored within the budget, and everything when it is already spent", () => {
    expect(
      scoreWithinBudget(
        [1, 2],
        () => [],
        100,
        () => 0,
      ),
    ).toEqual({ fired: [[], []], unscored: [] });
    let calls = 0;
    expect(
      scoreWithinBudget(
        [1, 2],
        () => (calls++, []),
        0,
        () => 0,
      ),
    ).toEqual({ fired: [[], []], unscored: [0, 1] });
    expect(calls).toBe(0);
  });
});
