// --disable: detections left out by exact id or by prefix, so an analyzer can be measured alone.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSigmaDirectory } from "@/lib/detection/sigma-engine/index.ts";
import { detectionsOf, excludeDetections } from "./measure.ts";

const sigma = loadSigmaDirectory(path.resolve(import.meta.dirname, "../../rules")).rules;
const attack = () => ({ url: { original: `/search?q=${encodeURIComponent("<script>alert(1)</script>")}` } });

afterEach(() => excludeDetections([]));

describe("excludeDetections", () => {
  it("leaves out detections by exact id and by prefix", () => {
    const all = detectionsOf(attack(), sigma, 1)!;
    expect(all.length).toBeGreaterThan(0);
    const first = all[0]!.id;
    excludeDetections([first]);
    expect(detectionsOf(attack(), sigma, 1)!.map((d) => d.id)).not.toContain(first);
    excludeDetections(["*"]);
    expect(detectionsOf(attack(), sigma, 1)).toEqual([]);
  });
});
