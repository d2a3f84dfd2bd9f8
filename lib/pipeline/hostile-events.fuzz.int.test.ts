// Hostile-event fuzzing (issue 18): generated events with prototype keys at every depth, control
// characters, lone surrogates, extreme dates, deep nesting and fields at (and just past) their
// limits, through the real ingest and log-test handlers on every backend. Each batch's outcome is
// known by construction: the events that should be stored are, the ones that should be rejected
// are rejected by index, nothing answers 5xx, every event is scored within a fixed time budget,
// and afterwards the process still authenticates as it should and Object.prototype is untouched.
// Fixed seed and run count: a failure names its run and replays exactly.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "@/lib/db/testing.ts";
import { apiTestOrg } from "@/lib/testing/api-org.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import * as scoreRoute from "@/app/api/v1/score/route.ts";
import * as usersRoute from "@/app/api/v1/users/route.ts";
import { MAX_EVENT_DEPTH } from "./hostile-input.ts";

const SEED = 20_261_202;
const RUNS = 60;
const CRLF_RUNS = 10;
/** Events in one generated batch, besides its one plain control event. */
const MAX_HOSTILE = 6;
/** Each event of a batch, ingest and log test each: far above a normal event's few milliseconds. */
const PER_EVENT_BUDGET_MS = 750;
/** A request's fixed costs (authentication, the ruleset, the insert) on a busy shared machine. */
const REQUEST_SLACK_MS = 3_000;

type Outcome = "stored" | "rejected";
/** A generated event; DEEP placeholders in it are replaced by `deep`-level JSON text. */
interface Spec {
  event: Record<string, unknown>;
  outcome: Outcome;
  deep?: number;
}

const SEGMENTS = ["__proto__", "constructor", "prototype"] as const;
const DEEP = "__fuzz_deep__";

const control = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 20,
});
const surrogate = fc.constantFrom("\ud800", "\udfff", "a\ud83d", "\ude00b", "\ud83d\ud83d", "x\udbff\u0000y");
const oddUnicode = fc.constantFrom("\u2028\u2029", "\ufeff", "\u0000", "\uffff", "\u202e", "%00", "\\u0000");
const hostileText = fc.oneof(
  control,
  surrogate,
  oddUnicode,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const protoKey = fc
  .tuple(
    fc.constantFrom(...SEGMENTS),
    fc.constantFrom("", "a.", "http.request.", "a.__proto__."),
    fc.constantFrom("", ".polluted", ".public", ".authenticated", ".permission"),
  )
  .map(([segment, before, after]) => `${before}${segment}${after}`);
/** Label keys are flat (a dotted one is expanded into an object, which labels may not hold). */
const labelKey = fc.oneof(
  fc.constantFrom(...SEGMENTS),
  hostileText.filter((k) => !k.includes(".")),
);
const anyKey = fc.oneof(protoKey, hostileText, fc.constantFrom("a.b", "x.y.z", "@timestamp.x"));

/** Objects whose keys are hostile, nested a few levels: Object.fromEntries makes "__proto__" an own key. */
const hostileObject = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc
    .array(fc.tuple(anyKey, fc.oneof({ depthSize: "small" }, hostileText, fc.integer(), tie("node"))), { maxLength: 4 })
    .map((entries) => Object.fromEntries(entries)),
})).node;

const stored = (event: Record<string, unknown>): Spec => ({ event, outcome: "stored" });

/** One hostile event and what must become of it. */
const spec: fc.Arbitrary<Spec> = fc.oneof(
  // Prototype keys and hostile text anywhere an event can carry them: stored, made safe.
  fc
    .record({
      top: protoKey,
      vendor: hostileObject,
      headers: hostileObject,
      labels: fc.dictionary(labelKey, hostileText, { maxKeys: 4 }),
      message: hostileText,
      user: fc.record({ name: hostileText }),
    })
    .map(({ top, vendor, headers, labels, message, user }) =>
      stored({
        [top]: "1",
        vendor,
        labels,
        message,
        user,
        http: { request: { method: "GET", headers } },
        url: { original: `/p?q=${message}` },
      }),
    ),
  fc.tuple(protoKey, hostileText, fc.nat(4)).map(([key, value, depth]) => {
    let node: Record<string, unknown> = Object.fromEntries([[key, value]]);
    for (let i = 0; i < depth; i++) node = Object.fromEntries([[i % 2 ? "__proto__" : "a.b", node]]);
    return stored({ vendor: node, [key]: value });
  }),
  // Timestamps: in range stored, out of range rejected (naming @timestamp).
  fc
    .constantFrom<[string, Outcome]>(
      ["1970-01-01T00:00:00Z", "stored"],
      ["2026-11-30T23:59:59.999+14:00", "stored"],
      ["0000-01-01T00:00:00Z", "rejected"],
      ["1969-12-31T23:59:59Z", "rejected"],
      ["9999-12-31T23:59:59Z", "rejected"],
      ["2999-01-01T00:00:00-12:00", "rejected"],
      ["not a date", "rejected"],
    )
    .map(([timestamp, outcome]) => ({ event: { "@timestamp": timestamp, message: "dated" }, outcome })),
  // Nesting: up to MAX_EVENT_DEPTH levels stored, one more (or far more) rejected.
  fc
    .constantFrom<[number, Outcome]>(
      [4, "stored"],
      [MAX_EVENT_DEPTH - 1, "stored"],
      [MAX_EVENT_DEPTH, "rejected"],
      [200, "rejected"],
      [5_000, "rejected"],
      [100_000, "rejected"],
    )
    .map(([deep, outcome]) => ({ event: { vendor: DEEP }, outcome, deep })),
  // Fields at their limit stored, one character past it rejected.
  fc
    .constantFrom<[string, number, number, Outcome]>(
      ["message", 65_536, 0, "stored"],
      ["message", 65_537, 0, "rejected"],
      ["url", 8_192, 0, "stored"],
      ["user_agent", 2_048, 0, "stored"],
      ["user_agent", 2_049, 0, "rejected"],
      ["body", 65_536, 0, "stored"],
    )
    .map(([field, length, , outcome]) => {
      const unit = "A%27<x\u0000\ud800";
      const filler = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      const event =
        field === "message"
          ? { message: filler }
          : field === "url"
            ? { url: { original: filler } }
            : field === "user_agent"
              ? { user_agent: { original: filler } }
              : { http: { request: { method: "POST", body: { content: filler } } } };
      return { event, outcome };
    }),
);

const batchArb = fc.array(spec, { minLength: 1, maxLength: MAX_HOSTILE });

/** Runs of CR/LF (and spaces, tabs) in the fields with no length limit of their own: referrer, cookies, headers. */
const crlfRunOf = (max: number) =>
  fc
    .tuple(
      fc.constantFrom("\r\n", "\n", "\r", "\r\n ", "\t\r\n", "\n\n;"),
      fc.integer({ min: 1_000, max }),
      fc.constantFrom("", "x", "'", "<", ";id", "="),
    )
    .map(([unit, n, tail]) => unit.repeat(n) + tail);
const crlfRun = crlfRunOf(30_000);
// `message` holds at most 65,536 characters (a longer one is a rejection, not this test's case).
const crlfCommand = crlfRunOf(21_000);
const crlfSpec: fc.Arbitrary<Spec> = fc
  .record({ referrer: crlfRun, cookie: crlfRun, header: crlfRun, command: crlfCommand })
  .map(({ referrer, cookie, header, command }) =>
    stored({
      http: { request: { method: "GET", referrer, cookie, headers: { "x-forwarded-host": header } } },
      url: { original: "/" },
      message: `sh -c ${command}`,
    }),
  );
const crlfBatchArb = fc.array(crlfSpec, { minLength: 1, maxLength: 3 });

/** JSON text `depth` containers deep, arrays and objects in turn. */
function nestedJson(depth: number): string {
  const open: string[] = [];
  for (let i = 0; i < depth; i++) open.push(i % 2 ? '{"a":' : "[");
  return `${open.join("")}"x"${open
    .reverse()
    .map((o) => (o === "[" ? "]" : "}"))
    .join("")}`;
}

/** The batch as the body a sensor sends: each event with its id, the deep placeholders filled in. */
function bodyOf(specs: Spec[], ids: string[]): string {
  const texts = specs.map((s, i) => {
    const text = JSON.stringify({ ...s.event, event: { id: ids[i] } });
    return s.deep ? text.replace(`"${DEEP}"`, nestedJson(s.deep)) : text;
  });
  return `[${texts.join(",")}]`;
}

describe.each(backends)("hostile events fuzzed through ingest and the log test on %s", (backend) => {
  const org = apiTestOrg(backend);
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let run = 0;
  let events = 0;
  const post = async (handler: typeof eventsRoute.POST, body: string) => {
    const started = performance.now();
    const response = await handler(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        body,
        headers: { authorization: org.authorization, "content-type": "application/json" },
      }),
    );
    return { status: response.status, body: await response.json(), ms: performance.now() - started };
  };
  beforeAll(() => void (run = 0));
  afterAll(() =>
    console.info(
      `hostile-event fuzz on ${backend}: ${run} runs, ${events} events, budget ${PER_EVENT_BUDGET_MS} ms an event + ${REQUEST_SLACK_MS} ms a request`,
    ),
  );

  const property = (arb: fc.Arbitrary<Spec[]>) =>
    fc.asyncProperty(arb, async (hostile) => {
      run++;
      const specs: Spec[] = [
        {
          event: { message: "control", source: { ip: "192.0.2.10" }, url: { original: "/?id=1' or '1'='1" } },
          outcome: "stored",
        },
        ...hostile,
      ];
      const ids = specs.map((_, i) => `fuzz-${backend}-${run}-${i}`);
      events += specs.length;
      const body = bodyOf(specs, ids);
      const budget = PER_EVENT_BUDGET_MS * specs.length + REQUEST_SLACK_MS;

      const ingest = await post(eventsRoute.POST, body);
      expect(ingest.status, JSON.stringify(ingest.body).slice(0, 500)).toBe(202);
      expect(ingest.ms).toBeLessThan(budget);
      const wantRejected = specs.flatMap((s, i) => (s.outcome === "rejected" ? [i] : []));
      expect(ingest.body.rejected.map((r: { index: number }) => r.index)).toEqual(wantRejected);
      const rows = await org.db.prisma.event.findMany({
        where: { orgId: org.orgId, eventId: { in: ids } },
        select: { eventId: true, scoringIncomplete: true },
      });
      expect(rows.map((r) => r.eventId).sort()).toEqual(ids.filter((_, i) => specs[i]!.outcome === "stored").sort());
      expect(rows.filter((r) => r.scoringIncomplete !== null)).toEqual([]);

      const score = await post(scoreRoute.POST, body);
      expect(score.status).toBe(200);
      expect(score.ms).toBeLessThan(budget);
      expect(score.body.results).toHaveLength(specs.length);
      specs.forEach((s, i) =>
        expect(Object.hasOwn(score.body.results[i], s.outcome === "stored" ? "score" : "errors")).toBe(true),
      );
      expect(score.body.results[0].detections.map((d: { category: string }) => d.category)).toContain("sqli");
      expect(score.body.results.some((r: { incomplete?: string }) => r.incomplete)).toBe(false);
    });

  it("answers no 5xx, stores exactly the events that should be, scores each within the budget", async () => {
    await fc.assert(property(batchArb), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  }, 240_000);

  // Before the ReDoS fixes (issue 18, finding 5) one such batch took ~16 s in the payload detectors.
  it("does the same for runs of CR/LF in referrer, cookies, headers and commands", async () => {
    await fc.assert(property(crlfBatchArb), { seed: SEED, numRuns: CRLF_RUNS, endOnFailure: true });
  }, 240_000);

  it("still authenticates as it should afterwards, and Object.prototype gained nothing", async () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(Object.keys(Object.prototype)).toEqual([]);
    const noKey = await usersRoute.GET(
      new Request("http://localhost/api/v1/users", {
        headers: { authorization: `Bearer sn_aaaaaaaaaa_${"x".repeat(43)}` },
      }),
      { params: Promise.resolve({}) } as never,
    );
    expect(noKey.status).toBe(401);
    expect((await org.call(usersRoute.GET, "GET", "/api/v1/users")).status).toBe(200);
  });
});
