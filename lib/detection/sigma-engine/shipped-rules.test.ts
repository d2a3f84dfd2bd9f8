// The rules we ship load without a single error, and each one fires on its example attack and
// stays quiet on a near miss.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ecsEventSchema } from "@/lib/pipeline/ecs.ts";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { SHIPPED_EXAMPLES } from "./__fixtures__/shipped-examples.ts";
import { loadSigmaDirectory, sigmaDetections } from "./index.ts";

const dir = path.resolve(import.meta.dirname, "../../../rules");
const event = (ecs: Record<string, unknown>) => normalizeEvent(ecsEventSchema.parse(ecs));

describe("shipped Sigma rules", () => {
  const { rules, errors } = loadSigmaDirectory(dir);

  it("load clean: at least 30, unique ids, every one with a technique and a category", () => {
    expect(errors).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.techniques.length, rule.title).toBeGreaterThan(0);
      expect(rule.category, rule.title).not.toBe("other");
    }
  });

  it.each(rules.map((r) => [path.basename(r.source, ".yml"), r] as const))(
    "%s fires on its example and not on a near miss",
    (name, rule) => {
      const examples = SHIPPED_EXAMPLES[name];
      expect(examples, `no example for ${name}`).toBeDefined();
      expect(rule.match(event(examples!.hit)), "hit").not.toBeNull();
      expect(rule.match(event(examples!.miss)), "near miss").toBeNull();
      expect(sigmaDetections([rule], event(examples!.hit))[0]).toMatchObject({
        id: rule.id,
        category: rule.category,
        points: rule.points,
      });
    },
  );
});
