// Issue 18, finding 8, through the API: an uploaded rule whose `re` RE2 cannot run is refused with
// a 422 on the `yaml` field naming the rule field and the reason; an uploaded (a+)+$ rule loads and
// the log test answers on a 31-character user agent in milliseconds, hit or miss.
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as rulesRoute from "@/app/api/v1/rules/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";

const ID = "3f1c2d4e-0000-4000-8000-000000000018";
const ruleYaml = (pattern: string) =>
  [
    "title: Nested quantifier probe",
    `id: ${ID}`,
    "logsource: {category: webserver}",
    "detection:",
    "  sel:",
    `    c-useragent|re: '${pattern}'`,
    "  condition: sel",
    "level: high",
  ].join("\n");

describe.each(backends)("uploaded Sigma regexes through the API on %s", (backend) => {
  const { call } = apiTestOrg(backend);

  it("refuses a backreference with the field and the reason, and runs (a+)+$ in linear time", async () => {
    const refused = await call(rulesRoute.POST, "POST", "/api/v1/rules", { yaml: ruleYaml("(a)\\1") });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      path: "yaml",
      message: expect.stringContaining('field "c-useragent"'),
    });
    expect(refused.body.errors[0].message).toContain("backreference");

    expect((await call(rulesRoute.POST, "POST", "/api/v1/rules", { yaml: ruleYaml("(a+)+$") })).status).toBe(201);
    const started = performance.now();
    const { status, body } = await call(scoreRoute.POST, "POST", "/api/v1/score", [
      { url: { original: "/" }, user_agent: { original: `${"a".repeat(30)}!` } },
      { url: { original: "/" }, user_agent: { original: "a".repeat(31) } },
    ]);
    const ms = performance.now() - started;
    expect(status).toBe(200);
    const fired = body.results.map((r: { detections: { id: string }[] }) => r.detections.some((d) => d.id === ID));
    expect(fired).toEqual([false, true]);
    expect(ms, `the log test took ${ms.toFixed(0)} ms`).toBeLessThan(2000);
  });
});
