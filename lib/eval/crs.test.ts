// The CRS reader labels each test by its own expectations, and a negative that repeats another
// rule's attack test request for request is that rule's attack (sibling), not benign input.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCrs } from "./crs.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const test = (id: number, uri: string, log: string) => `
  - test_id: ${id}
    stages:
      - input:
          dest_addr: 127.0.0.1
          method: GET
          uri: "${uri}"
          headers:
            Host: localhost
        output:
          log:
            ${log}`;

function write(folder: string, rule: number, tests: string[]) {
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.writeFileSync(path.join(dir, folder, `${rule}.yaml`), `rule_id: ${rule}\ntests:${tests.join("")}\n`);
}

write("REQUEST-900-EXAMPLE", 900100, [
  test(1, "/?q=first-shape", "expect_ids: [900100]"),
  test(2, "/?q=plain", "no_expect_ids: [900100]"),
  test(3, "/?q=second-shape", "no_expect_ids: [900100]"),
  test(4, "/?q=moved", "expect_ids: [900200]\n            no_expect_ids: [900100]"),
]);
write("REQUEST-900-EXAMPLE", 900200, [test(1, "/?q=second-shape", "expect_ids: [900200]")]);

describe("readCrs", () => {
  const byId = new Map(readCrs(dir).map((c) => [c.testId, c]));

  it("labels attacks, hard negatives and tests that expect a sibling rule", () => {
    expect(byId.get("900100-1")).toMatchObject({ attack: true, sibling: false });
    expect(byId.get("900100-2")).toMatchObject({ attack: false, sibling: false });
    expect(byId.get("900100-4")).toMatchObject({ attack: false, sibling: true });
  });

  it("counts a negative that is another rule's attack test, request for request, as a sibling", () => {
    expect(byId.get("900100-3")).toMatchObject({ attack: false, sibling: true });
    expect(byId.get("900200-1")).toMatchObject({ attack: true, sibling: false });
  });
});
