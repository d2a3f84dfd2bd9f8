// Finding 1 of issue 18 (pen test): a header named "__proto__.public" in an ingested event wrote
// Object.prototype.public, after which every route took itself for public and ran its handler
// with no principal; "__proto__.authenticated" instead locked every API key out. Reproduced here
// through the real ingest handler, then the real users handler with and without credentials.
import { afterEach, describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";
import * as usersRoute from "@/app/api/v1/users/route.ts";

const PROTOTYPE_KEYS = ["public", "authenticated", "permission", "error", "polluted"];

/** Should a test fail, the pollution must not leak into the next one. */
function cleanPrototype() {
  const leaked = PROTOTYPE_KEYS.filter((key) => Object.hasOwn(Object.prototype, key));
  for (const key of leaked) delete (Object.prototype as Record<string, unknown>)[key];
  return leaked;
}

/**
 * GET /api/v1/users without valid credentials (a key that does not exist: a request with none
 * would look for a browser session, which needs Next's request scope). A route taken for public
 * skips authentication whatever is sent.
 */
const unauthenticated = async () =>
  (
    await usersRoute.GET(
      new Request("http://localhost/api/v1/users", {
        headers: { authorization: `Bearer sn_aaaaaaaaaa_${"x".repeat(43)}` },
      }),
      { params: Promise.resolve({}) } as never,
    )
  ).status;

describe.each(backends)("prototype keys in ingested events on %s", (backend) => {
  const org = apiTestOrg(backend);
  afterEach(() => void cleanPrototype());

  it("an event with a __proto__.public header does not make GET /api/v1/users public", async () => {
    const ingest = await org.call(eventsRoute.POST, "POST", "/api/v1/events", [
      { url: { original: "/" }, http: { request: { method: "GET", headers: { "__proto__.public": "1" } } } },
    ]);
    expect(await unauthenticated()).toBe(401);
    expect(ingest.status).toBe(202);
    expect(cleanPrototype(), "Object.prototype gained own properties").toEqual([]);
  });

  it("an event with a __proto__.authenticated header does not lock API keys out", async () => {
    const ingest = await org.call(eventsRoute.POST, "POST", "/api/v1/events", [
      { url: { original: "/" }, http: { request: { method: "GET", headers: { "__proto__.authenticated": "1" } } } },
    ]);
    expect((await org.call(usersRoute.GET, "GET", "/api/v1/users")).status).toBe(200);
    expect(ingest.status).toBe(202);
    expect(cleanPrototype(), "Object.prototype gained own properties").toEqual([]);
  });

  it("prototype segments at any depth and in any field, in ingest and the log test, leave Object.prototype alone", async () => {
    const hostile = [
      { "__proto__.polluted": "1", "constructor.prototype.polluted": "1" },
      { labels: { "__proto__.polluted": "1" }, "source.__proto__.polluted": "1" },
      { vendor: { deep: { "a.__proto__.polluted": "1", "prototype.polluted": "1" } } },
      JSON.parse('{"__proto__": {"polluted": "1"}, "event": {"__proto__": {"polluted": "1"}}}'),
    ];
    for (const handler of [eventsRoute.POST, scoreRoute.POST]) {
      const { status } = await org.call(handler, "POST", "/api/v1/events", hostile);
      expect(status).toBeLessThan(500);
      expect(cleanPrototype(), "Object.prototype gained own properties").toEqual([]);
    }
    expect(await unauthenticated()).toBe(401);
  });
});
