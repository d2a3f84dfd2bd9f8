import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { useTestEnv } from "@/lib/testing/env.ts";
import { SYSTEM_ACTOR } from "@/lib/audit/record.ts";
import { createApiKey } from "@/lib/apikeys/manage.ts";
import { PERMISSIONS } from "@/lib/rbac/permissions.ts";
import * as eventsRoute from "@/app/api/v1/events/route.ts";
import { installTestRuntime, useScoringPool } from "@/lib/testing/runtime.ts";
import { startScoringPool } from "@/lib/pipeline/start-scoring-pool.ts";
import { validateEvents } from "@/lib/pipeline/validate-events.ts";
import { POOL_MIN_BYTES } from "./scoring-pool.ts";
import { storedDocument } from "./stored-doc.ts";

const SSHD = (i: number) =>
  `Nov 23 10:00:${String(i % 60).padStart(2, "0")} bastion sshd[4242]: Failed password for invalid user admin${i % 7} from 198.51.100.${i % 250} port ${40000 + i} ssh2`;
const ACCESS = (i: number) =>
  `203.0.113.${i % 250} - - [23/Nov/2026:10:00:00 +0000] "GET /products?id=${i} HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11; Linux x86_64)"`;

function mixedBatch(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${i}`;
    if (i % 3 === 0) return { event: { id, module: "sshd" }, message: SSHD(i) };
    if (i % 3 === 1) return { event: { id, module: "nginx" }, message: ACCESS(i) };
    return {
      "@timestamp": "2026-11-23T10:00:00Z",
      "event.id": id,
      "event.category": ["process"],
      "host.name": "web-1",
      custom: { nested: i },
    };
  });
}

// Inline: as in tests and the CLI. Worker: as the server runs, where bodies of POOL_MIN_BYTES or
// more are read, validated and scored in a scoring worker.
const modes = backends.flatMap((backend) => [
  [backend, "inline"],
  [backend, "worker"],
]) as [(typeof backends)[number], "inline" | "worker"][];

describe.each(modes)("event ingest on %s, %s", (backend, mode) => {
  let db: TestDatabase;
  let installed: ReturnType<typeof installTestRuntime>;
  let token: string;
  let pool: ReturnType<typeof startScoringPool> | undefined;
  let inWorker = 0;
  const post = (body: string, contentType = "application/json") =>
    eventsRoute.POST(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      }),
    );

  beforeAll(async () => {
    useTestEnv({ API_KEY_RATE_LIMIT_PER_MINUTE: "1000" });
    db = await createTestDatabase(backend);
    installed = installTestRuntime(db);
    const { orgId } = await seed(db.prisma, { adminEmail: "root@example.test", adminPassword: "plum-orbit-candle-41" });
    token = (
      await createApiKey(
        db.prisma,
        { orgId, name: "shipper", scopes: ["events:write"] },
        { actor: SYSTEM_ACTOR, userId: null, permissions: PERMISSIONS },
      )
    ).token;
    if (mode === "worker") {
      pool = startScoringPool({
        size: 1,
        rulesDir: "rules",
        reputationDir: "rules/reputation",
        onError: (error) => console.error(error),
      });
      const started = pool;
      useScoringPool({ ...started, score: (job) => (inWorker++, started.score(job)) });
    }
  });
  afterAll(async () => {
    useScoringPool(undefined);
    await pool?.close();
    await installed.uninstall();
    await db.close();
  });

  it("accepts 5,000 mixed events in one request, and a replay of them is all duplicates", async () => {
    const batch = JSON.stringify(mixedBatch(5_000, "big"));
    const first = await post(batch);
    expect(first.status).toBe(202);
    const answer = await first.json();
    expect(answer).toMatchObject({ accepted: 5_000, duplicates: 0, rejected: [] });
    // The batch holds sshd failures from 250 addresses for 7 user names: at most one alert per rule
    // and entity (brute force and spraying per address, distributed brute force per user).
    expect(answer.alerts.length).toBeGreaterThan(0);
    expect(answer.alerts.length).toBeLessThanOrEqual(2 * 250 + 7);
    expect(new Set(answer.alerts.map((a: { id: string }) => a.id)).size).toBe(answer.alerts.length);
    expect(await db.prisma.event.count({ where: { eventId: { startsWith: "big-" } } })).toBe(5_000);
    const replay = await post(batch);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 5_000, rejected: [], alerts: [] });
    expect(inWorker).toBe(mode === "worker" ? 2 : 0);
    expect(await db.prisma.event.count({ where: { eventId: { startsWith: "big-" } } })).toBe(5_000);
  });

  it("stores each new event of a batch once, next to events already stored and a repeated id", async () => {
    expect((await (await post(JSON.stringify(mixedBatch(300, "part")))).json()).accepted).toBe(300);
    const again = [...mixedBatch(600, "part"), { event: { id: "part-450" }, message: "a second event with a used id" }];
    const body = JSON.stringify(again);
    expect(body.length).toBeGreaterThan(POOL_MIN_BYTES);
    const answer = await (await post(body)).json();
    expect(answer).toMatchObject({ accepted: 300, duplicates: 301, rejected: [] });
    expect(await db.prisma.event.count({ where: { eventId: { startsWith: "part-" } } })).toBe(600);
    expect((await db.prisma.event.findFirstOrThrow({ where: { eventId: "part-450" } })).message).toBe(SSHD(450));
  });

  it("rejects an invalid event by index and field and stores the valid ones around it", async () => {
    const events = [
      { event: { id: "mix-0" }, message: "fine" },
      { event: { id: "mix-1", outcome: "maybe" }, source: { ip: "999.1.1.1", port: 70000 } },
      { event: { id: "mix-2" }, message: "also fine" },
    ];
    const response = await post(JSON.stringify({ events }));
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      {
        index: 1,
        errors: expect.arrayContaining([
          expect.objectContaining({ path: "event.outcome" }),
          expect.objectContaining({ path: "source.ip" }),
          expect.objectContaining({ path: "source.port" }),
        ]),
      },
    ]);
    expect(await db.prisma.event.count({ where: { eventId: { in: ["mix-0", "mix-1", "mix-2"] } } })).toBe(2);
  });

  it("reads NDJSON, keeps unknown fields, and parses sshd and access-log lines into ECS fields", async () => {
    const lines = [
      JSON.stringify({
        event: { id: "nd-1" },
        message: "Nov 23 10:00:01 bastion sshd[1]: Accepted publickey for alice from 192.0.2.7 port 51000 ssh2",
        vendor: { x: 1 },
      }),
      "{not json",
      JSON.stringify({ event: { id: "nd-2", module: "apache" }, message: ACCESS(7) }),
    ].join("\n");
    const body = await (await post(lines, "application/x-ndjson")).json();
    expect(body).toMatchObject({
      accepted: 2,
      rejected: [{ index: 1, errors: [{ message: "this line is not valid JSON" }] }],
    });
    const ssh = await db.prisma.event.findFirstOrThrow({ where: { eventId: "nd-1" } });
    expect(ssh).toMatchObject({
      module: "sshd",
      action: "ssh_login",
      outcome: "success",
      userName: "alice",
      sourceIp: "192.0.2.7",
      sourcePort: 51000,
      hostName: "bastion",
      category: ["authentication"],
    });
    expect(ssh.doc).toMatchObject({ vendor: { x: 1 } });
    const web = await db.prisma.event.findFirstOrThrow({ where: { eventId: "nd-2" } });
    expect(web).toMatchObject({
      module: "apache",
      httpMethod: "GET",
      httpStatus: 200,
      sourceIp: "203.0.113.7",
      urlOriginal: "/products?id=7",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
    });
    expect(web.timestamp.toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });

  it("stores every column exactly as the event was normalised", async () => {
    const events = [
      {
        "@timestamp": "2026-11-23T10:00:00.250+01:00",
        event: {
          id: "col-1",
          kind: "event",
          category: ["network", "web"],
          action: "request",
          outcome: "failure",
          module: "nginx",
          dataset: "nginx.access",
        },
        source: { ip: "2001:db8::7", port: 443 },
        destination: { ip: "10.0.0.5", port: 8443 },
        user: { name: "zoë" },
        host: { name: "web-2" },
        url: { original: '/a?q=it\'s%20"quoted"' },
        http: { request: { method: "POST" }, response: { status_code: 503 } },
        user_agent: { original: "curl/8.5.0" },
        message: "line with 'quotes' and ünïcode",
      },
      { event: { id: "col-2" }, message: ACCESS(9) },
      { event: { id: "col-3" } },
    ];
    expect((await (await post(JSON.stringify(events))).json()).accepted).toBe(3);
    const expected = validateEvents(
      events.map((value) => ({ value })),
      new Date(),
    ).valid;
    for (const want of expected) {
      const row = await db.prisma.event.findFirstOrThrow({ where: { eventId: want.eventId } });
      const { doc: storedRest, timestamp, ...stored } = row;
      const { doc: wantDoc, timestamp: wantTime, ...columns } = want;
      expect(stored).toStrictEqual({ ...stored, ...columns });
      if (want.eventId !== "col-3") expect(timestamp.toISOString()).toBe(wantTime.toISOString());
      // A value held by a column is stored once: the document is whole again when read.
      const doc = storedDocument(row);
      expect(doc).toEqual({ ...wantDoc, "@timestamp": (doc as { "@timestamp": string })["@timestamp"] });
      if (want.eventId === "col-1")
        expect(storedRest).toEqual({ "@timestamp": events[0]!["@timestamp"], event: { category: ["network", "web"] } });
    }
  });

  it("answers 413 beyond 5,000 events or 5 MB, and 400 for a body that is not JSON", async () => {
    expect((await post(JSON.stringify(mixedBatch(5_001, "too-many")))).status).toBe(413);
    expect((await post(JSON.stringify([{ message: "x".repeat(5 * 1024 * 1024) }]))).status).toBe(413);
    const bad = await post("{oops");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ path: "(root)", message: "invalid JSON" }]);
    const bigAndBroken = await post(JSON.stringify(mixedBatch(1_000, "broken")).slice(0, -1));
    expect(bigAndBroken.status).toBe(400);
    expect((await bigAndBroken.json()).errors).toEqual([{ path: "(root)", message: "invalid JSON" }]);
    expect(await db.prisma.event.count({ where: { eventId: { startsWith: "too-many" } } })).toBe(0);
  });
});
