import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { seed } from "@/lib/db/seed.ts";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { zodFieldErrors } from "@/lib/http/errors.ts";
import { auditExportQuery, auditListQuery } from "@/lib/validation/audit.ts";
import type { AuditAction, AuditOutcome } from "./actions.ts";
import { encodeAuditCursor } from "./cursor.ts";
import { listAuditEntries } from "./query.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "./record.ts";

const alice: Actor = { type: "user", id: "user-alice", label: "Alice@Example.test" };
const bob: Actor = { type: "user", id: "user-bob", label: "bob@example.test" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("searching the audit log on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let otherOrgId: string;
  let midpoint: Date;
  let total: number;

  const list = (query: Record<string, string> = {}, org = orgId) =>
    listAuditEntries(db.prisma, org, auditListQuery.parse(query));
  const seqsOf = async (query: Record<string, string>) =>
    (await list({ limit: "200", ...query })).items.map((i) => Number(i.seq));

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "admin@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
    otherOrgId = (await db.prisma.org.create({ data: { slug: "other", name: "Other org" } })).id;
    const write = (
      action: AuditAction,
      actor: Actor,
      extra: {
        outcome?: AuditOutcome;
        detail?: Record<string, unknown>;
        target?: { type: string; id?: string; label?: string };
        org?: string;
        ip?: string;
      } = {},
    ) =>
      audit(db.prisma, {
        orgId: extra.org ?? orgId,
        action,
        actor,
        outcome: extra.outcome,
        target: extra.target,
        detail: extra.detail,
        context: { sourceIp: extra.ip ?? "198.51.100.1", userAgent: "vitest", requestId: "req" },
      });

    // Before the midpoint: sign-ins and a user change.
    await write(
      "auth.login.failed",
      { type: "anonymous", label: "mallory@evil.test" },
      {
        outcome: "failure",
        target: { type: "user", label: "mallory@evil.test" },
        detail: { reason: "unknown_user" },
        ip: "203.0.113.66",
      },
    );
    await write(
      "auth.login.failed",
      { type: "anonymous", id: alice.id, label: alice.label },
      {
        outcome: "failure",
        target: { type: "user", id: alice.id!, label: alice.label! },
        detail: { reason: "wrong_password" },
      },
    );
    await write("auth.login.succeeded", alice, { target: { type: "user", id: alice.id!, label: alice.label! } });
    await write("user.updated", alice, {
      target: { type: "user", id: "user-carol", label: "carol@example.test" },
      detail: { changes: { name: { old: "C", new: "Carol" } } },
    });
    await sleep(20);
    midpoint = new Date();
    await sleep(20);
    // After the midpoint: denials, API keys, literal % and _ in details.
    await write("access.denied", bob, {
      outcome: "denied",
      target: { type: "route", id: "GET /api/v1/audit" },
      detail: { permission: "audit:read" },
    });
    await write("apikey.created", bob, {
      target: { type: "apikey", id: "key-1", label: "ci" },
      detail: { note: "50% off" },
    });
    await write("apikey.revoked", alice, {
      target: { type: "apikey", id: "key-1", label: "ci" },
      detail: { note: "5000 off" },
    });
    await write("settings.updated", SYSTEM_ACTOR, { detail: { note: "a_c" } });
    await write("settings.updated", SYSTEM_ACTOR, { detail: { note: "abc" } });
    for (let i = 0; i < 23; i++)
      await write("alert.status_changed", bob, { target: { type: "alert", id: `alert-${i}` }, detail: { i } });
    // Another org with look-alike entries that must never show up.
    for (let i = 0; i < 5; i++) {
      await write(
        "auth.login.failed",
        { type: "anonymous", label: "mallory@evil.test" },
        { org: otherOrgId, outcome: "failure", detail: { note: "50% off" } },
      );
    }
    total = await db.prisma.auditEntry.count({ where: { orgId } });
  });
  afterAll(() => db.close());

  const actionsOf = async (query: Record<string, string>) =>
    (await list({ limit: "200", ...query })).items.map((i) => i.action);

  it("lists newest first as plain JSON", async () => {
    const { items, nextCursor } = await list({ limit: "3" });
    expect(items.map((i) => Number(i.seq))).toEqual([total, total - 1, total - 2]);
    expect(items[0]).toMatchObject({
      action: "alert.status_changed",
      actorId: "user-bob",
      detail: { i: 22 },
      outcome: "success",
    });
    expect(items[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(items[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof nextCursor).toBe("string");
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
  });

  it("filters by a list of actions and by namespace prefixes", async () => {
    expect(await actionsOf({ action: "auth.login.failed" })).toEqual(["auth.login.failed", "auth.login.failed"]);
    expect(await actionsOf({ action: "apikey.created,access.denied" })).toEqual(["apikey.created", "access.denied"]);
    expect(await actionsOf({ action: "auth.*" })).toEqual([
      "auth.login.succeeded",
      "auth.login.failed",
      "auth.login.failed",
    ]);
    expect(await actionsOf({ action: "apikey.*,user.updated" })).toEqual([
      "apikey.revoked",
      "apikey.created",
      "user.updated",
    ]);
  });

  it("filters by outcome, actor, target and target type", async () => {
    expect(await actionsOf({ outcome: "failure" })).toEqual(["auth.login.failed", "auth.login.failed"]);
    expect(await actionsOf({ outcome: "denied" })).toEqual(["access.denied"]);
    // actorId exactly, or the label case-insensitively in part.
    expect(await actionsOf({ actor: "user-alice" })).toEqual([
      "apikey.revoked",
      "user.updated",
      "auth.login.succeeded",
      "auth.login.failed",
    ]);
    expect(await actionsOf({ actor: "ALICE@example" })).toEqual([
      "apikey.revoked",
      "user.updated",
      "auth.login.succeeded",
      "auth.login.failed",
    ]);
    expect(await actionsOf({ actor: "user-ali" })).toEqual([]);
    expect(await actionsOf({ target: "key-1" })).toEqual(["apikey.revoked", "apikey.created"]);
    expect(await actionsOf({ target: "CAROL" })).toEqual(["user.updated"]);
    expect(await actionsOf({ targetType: "route" })).toEqual(["access.denied"]);
    expect(await actionsOf({ action: "auth.*", outcome: "failure", actor: "mallory" })).toEqual(["auth.login.failed"]);
  });

  it("searches free text across fields and the detail, with % and _ matching literally", async () => {
    expect(await actionsOf({ q: "50%" })).toEqual(["apikey.created"]);
    expect(await actionsOf({ q: "a_c" })).toEqual(["settings.updated"]);
    expect((await list({ q: "a_c" })).items[0]!.detail).toEqual({ note: "a_c" });
    expect(await actionsOf({ q: "203.0.113.66" })).toEqual(["auth.login.failed"]);
    expect(await actionsOf({ q: "WRONG_password" })).toEqual(["auth.login.failed"]);
    expect(await actionsOf({ q: "audit:read" })).toEqual(["access.denied"]);
    expect(await actionsOf({ q: "apikey.rev" })).toEqual(["apikey.revoked"]);
    expect(await actionsOf({ q: "no such thing" })).toEqual([]);
  });

  it("filters by time range, bounds inclusive", async () => {
    const after = await seqsOf({ since: midpoint.toISOString() });
    const before = await seqsOf({ until: midpoint.toISOString() });
    expect(after.length + before.length).toBe(total);
    expect(Math.min(...after)).toBe(Math.max(...before) + 1);
    expect(await actionsOf({ until: midpoint.toISOString(), action: "auth.*,user.*" })).toEqual([
      "user.updated",
      "auth.login.succeeded",
      "auth.login.failed",
      "auth.login.failed",
      "user.created",
    ]);
    const [newest] = (await list({ limit: "1" })).items;
    expect(await seqsOf({ since: newest!.at, until: newest!.at })).toEqual([Number(newest!.seq)]);
    expect(await seqsOf({ since: "2999-01-01" })).toEqual([]);
  });

  it("walks every entry exactly once, in order, page by page", async () => {
    const queries: Record<string, string>[] = [
      { limit: "7" },
      { limit: "4", actor: "bob" },
      { limit: "1", action: "apikey.*" },
    ];
    for (const query of queries) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(Number(query.limit));
        seen.push(...page.items.map((i) => Number(i.seq)));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      const all = await seqsOf({ ...query, limit: "200" });
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort((a, b) => b - a)).toEqual(seen);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / Number(query.limit))));
    }
    expect((await seqsOf({})).length).toBe(total);
  });

  it("a cursor continues below its seq, whatever filters come with it", async () => {
    const page = await list({ cursor: encodeAuditCursor(6n), limit: "200" });
    expect(page.items.map((i) => Number(i.seq))).toEqual([5, 4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
  });

  it("never shows another org's entries", async () => {
    const mine = new Set(
      (await db.prisma.auditEntry.findMany({ where: { orgId }, select: { id: true } })).map((e) => e.id),
    );
    const queries: Record<string, string>[] = [{}, { q: "50%" }, { actor: "mallory" }, { action: "auth.*" }];
    for (const query of queries) {
      const items = (await list({ limit: "200", ...query })).items;
      expect(items.every((i) => mine.has(i.id))).toBe(true);
    }
    expect(await actionsOf({ actor: "mallory" })).toEqual(["auth.login.failed"]);
    const theirs = await list({ limit: "200" }, otherOrgId);
    expect(theirs.items).toHaveLength(5);
    expect(theirs.items.some((i) => mine.has(i.id))).toBe(false);
  });
});

describe("audit query strings", () => {
  const errorsOf = (schema: typeof auditListQuery | typeof auditExportQuery, input: Record<string, string>) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error).toBeInstanceOf(ZodError);
    return Object.fromEntries(zodFieldErrors(result.error!).map((e) => [e.path, e.message]));
  };

  it("reports each bad field by its path", () => {
    const errors = errorsOf(auditListQuery, {
      action: "auth.login.failed,auth.nope,bogus.*",
      outcome: "maybe",
      since: "yesterday",
      until: "2026-01-31T10:00",
      q: "x".repeat(201),
      cursor: "not a cursor!",
      limit: "500",
    });
    expect(Object.keys(errors).sort()).toEqual(["action", "cursor", "limit", "outcome", "q", "since", "until"]);
    expect(errors.action).toMatch(/"auth\.nope", "bogus\.\*"/);
    expect(errors.until).toMatch(/ISO 8601/);
    expect(errorsOf(auditListQuery, { limit: "0" })).toHaveProperty("limit");
    expect(errorsOf(auditListQuery, { limit: "ten" })).toHaveProperty("limit");
    expect(errorsOf(auditListQuery, { cursor: Buffer.from("seq:-1").toString("base64url") })).toHaveProperty("cursor");
    expect(errorsOf(auditListQuery, { since: "2026-02-01", until: "2026-01-01" })).toEqual({
      until: "must not be before since",
    });
    expect(errorsOf(auditExportQuery, { format: "xlsx" })).toHaveProperty("format");
  });

  it("treats blank values as absent and normalises the rest", () => {
    expect(auditListQuery.parse({ actor: " ", action: "", limit: "", q: "" })).toEqual({ limit: 50 });
    expect(
      auditListQuery.parse({
        action: "auth.*, auth.login.failed,auth.*",
        since: "2026-01-01",
        until: "2026-01-02T03:04:05+01:00",
        cursor: encodeAuditCursor(42n),
        q: "  x  ",
      }),
    ).toEqual({
      action: ["auth.*", "auth.login.failed"],
      since: new Date("2026-01-01T00:00:00Z"),
      until: new Date("2026-01-02T02:04:05Z"),
      cursor: 42n,
      q: "x",
      limit: 50,
    });
    expect(auditExportQuery.parse({})).toEqual({ format: "csv" });
  });
});
