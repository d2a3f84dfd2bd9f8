// Finding 6 of issue 18 (pen test): one event with a NUL byte, a lone surrogate, a year-0000
// timestamp or 5,000-deep nesting made its whole batch answer 500, so nothing was stored (an
// attacker hides their own attack; a retrying sensor is stuck). Each pill here rides in a batch
// beside valid events, through the real ingest and log-test handlers, on every backend.
import { describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg, seededTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";
import { isWellFormed } from "./hostile-input.ts";
import { storeEvents } from "./store-events.ts";
import { prepareEvents } from "./validate-events.ts";

/** JSON text nested `depth` deep, arrays and objects in turn (JSON.stringify itself overflows on it). */
const nestedJson = (depth: number) => `${'[{"a":'.repeat(depth / 2)}"x"${"}]".repeat(depth / 2)}`;
const DEEP = "__deep__";
/** The batch as JSON text, with the deep pill's placeholder replaced by the real thing. */
const bodyOf = (batch: unknown[]) => JSON.stringify(batch).replace(`"${DEEP}"`, nestedJson(5_000));

/** Each pill, and what becomes of it: stored with its strings made safe, or rejected naming the field. */
const PILLS: { name: string; event: Record<string, unknown>; outcome: "stored" | { rejected: string } }[] = [
  {
    name: "a NUL byte in a value",
    event: { message: "before\u0000after", url: { original: "/a\u0000b" } },
    outcome: "stored",
  },
  {
    name: "a NUL byte in a key",
    event: { vendor: { "na\u0000me": "v" }, labels: { "k\u0000": "v\u0000" } },
    outcome: "stored",
  },
  { name: "a lone high surrogate", event: { message: "x\ud800y", user: { name: "\ud800" } }, outcome: "stored" },
  { name: "a lone low surrogate in a key", event: { vendor: { "\udc00": "\udfff" } }, outcome: "stored" },
  {
    name: "a year-0000 timestamp",
    event: { "@timestamp": "0000-01-01T00:00:00Z" },
    outcome: { rejected: "@timestamp" },
  },
  {
    name: "a timestamp far in the future",
    event: { "@timestamp": "9999-12-31T23:59:59Z" },
    outcome: { rejected: "@timestamp" },
  },
  { name: "5,000-deep nesting", event: { vendor: DEEP }, outcome: { rejected: "vendor" } },
];

describe.each(backends)("poison-pill events on %s", (backend) => {
  const org = apiTestOrg(backend);
  const post = async (handler: typeof eventsRoute.POST, body: string, contentType = "application/json") => {
    const response = await handler(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        body,
        headers: { authorization: org.authorization, "content-type": contentType },
      }),
    );
    return { status: response.status, body: await response.json() };
  };

  it.each(PILLS.map((pill, i) => [pill.name, pill, i] as const))(
    "ingest: %s beside valid events stores the valid ones",
    async (_, pill, i) => {
      const ids = [`pill-${i}-before`, `pill-${i}-bad`, `pill-${i}-after`];
      const batch = [
        { event: { id: ids[0] }, message: "valid" },
        { ...pill.event, event: { id: ids[1] } },
        { event: { id: ids[2] }, message: "valid too" },
      ];
      const { status, body } = await post(eventsRoute.POST, bodyOf(batch));
      expect(status).toBe(202);
      const stored = await org.db.prisma.event.findMany({ where: { eventId: { in: ids } } });
      expect(stored.map((e) => e.eventId).sort()).toEqual(
        pill.outcome === "stored" ? [...ids].sort() : [ids[0], ids[2]].sort(),
      );
      if (pill.outcome === "stored") {
        expect(body).toMatchObject({ accepted: 3, rejected: [] });
        const text = JSON.stringify(stored.find((e) => e.eventId === ids[1]));
        expect(text).not.toContain("\\u0000");
        expect(isWellFormed(text)).toBe(true);
      } else {
        expect(body.accepted).toBe(2);
        expect(body.rejected).toEqual([
          { index: 1, errors: [expect.objectContaining({ path: pill.outcome.rejected })] },
        ]);
      }
    },
  );

  it.each(PILLS.map((pill) => [pill.name, pill] as const))(
    "log test: %s beside a valid event is scored or rejected, never a 500",
    async (_, pill) => {
      const { status, body } = await post(
        scoreRoute.POST,
        bodyOf([{ url: { original: "/?q=1' or '1'='1" } }, pill.event, { message: "valid" }]),
      );
      expect(status).toBe(200);
      expect(body.results).toHaveLength(3);
      expect(body.results[0].detections.length).toBeGreaterThan(0);
      if (pill.outcome === "stored") expect(body.results[1]).toHaveProperty("score");
      else expect(body.results[1].errors).toEqual([expect.objectContaining({ path: pill.outcome.rejected })]);
    },
  );

  it("a 100,000-deep event is rejected on its own, in a JSON array and in NDJSON; the rest are stored", async () => {
    const deep = `{"event":{"id":"deep-bad"},"vendor":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const array = await post(eventsRoute.POST, `[{"event":{"id":"deep-a1"}},${deep},{"event":{"id":"deep-a2"}}]`);
    expect(array).toMatchObject({
      status: 202,
      body: { accepted: 2, rejected: [{ index: 1, errors: [{ path: "vendor" }] }] },
    });
    const ndjson = await post(
      eventsRoute.POST,
      `{"event":{"id":"deep-n1"}}\n${deep}\n{"event":{"id":"deep-n2"}}`,
      "application/x-ndjson",
    );
    expect(ndjson).toMatchObject({
      status: 202,
      body: { accepted: 2, rejected: [{ index: 1, errors: [{ path: "vendor" }] }] },
    });
    expect(await org.db.prisma.event.count({ where: { eventId: { startsWith: "deep-" } } })).toBe(4);
    const scored = await post(scoreRoute.POST, `[${deep}, {"message": "valid"}]`);
    expect(scored).toMatchObject({ status: 200, body: { results: [{ errors: [{ path: "vendor" }] }, { score: 0 }] } });
  });
});

describe.each(backends)("an event the database refuses, on %s", (backend) => {
  const org = seededTestOrg(backend);

  it("is rejected with its reason by index, and the rest of its batch is stored (one by one)", async () => {
    const items = ["refused-0", "refused-1", "refused-2", "refused-3"].map((id) => ({
      value: { event: { id }, message: id === "refused-2" ? "SLIPPED-PAST" : "fine" },
    }));
    const batch = prepareEvents([{ error: "this line is not valid JSON" }, ...items]);
    // As if sanitising had missed one: a NUL, which jsonb refuses (SQLSTATE 22P05).
    const poisoned = { ...batch, rows: batch.rows.replace("SLIPPED-PAST", "slipped\\u0000past") };
    const result = await storeEvents(org.db.prisma, org.orgId, poisoned, { apiKeyId: null });
    expect(result).toMatchObject({
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 0 },
        { index: 3, errors: [{ path: "(root)", message: "the database refused this event's data" }] },
      ],
    });
    expect(result.stored.map((e) => e.eventId)).toEqual(["refused-0", "refused-1", "refused-3"]);
    expect(
      (
        await org.db.prisma.event.findMany({
          where: { eventId: { startsWith: "refused-" } },
          orderBy: { eventId: "asc" },
        })
      ).map((e) => e.eventId),
    ).toEqual(["refused-0", "refused-1", "refused-3"]);
    const replay = await storeEvents(org.db.prisma, org.orgId, poisoned, { apiKeyId: null });
    expect(replay).toMatchObject({ accepted: 0, duplicates: 3, rejected: [{ index: 0 }, { index: 3 }] });
  });
});
