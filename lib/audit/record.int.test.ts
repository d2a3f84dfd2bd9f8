import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnv } from "@/lib/testing/env.ts";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { seed } from "@/lib/db/seed.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import { audit, SYSTEM_ACTOR } from "./record.ts";
import { applyAuditRetention } from "./retention.ts";
import { verifyAuditChain } from "./verify.ts";

const KEY = Buffer.alloc(32, 9);

describe.each(backends)("the audit chain on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;

  beforeAll(async () => {
    useTestEnv();
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "admin@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
  });
  afterAll(() => db.close());

  const sql = async (statement: string) => {
    const conn = await db.openSqlConnection();
    try {
      return await conn.exec(statement);
    } finally {
      await conn.close();
    }
  };

  it("10,000 entries from concurrent writers form one gapless chain that verifies", async () => {
    const before = await db.prisma.auditEntry.count({ where: { orgId } });
    const writers = 20;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < 10_000 / writers; i++) {
          await audit(db.prisma, {
            orgId,
            action: "settings.updated",
            actor: SYSTEM_ACTOR,
            detail: { writer: w, i, nested: { b: 1, a: [true, null, "x"] } },
          });
        }
      }),
    );
    const seqs = (
      await db.prisma.auditEntry.findMany({ where: { orgId }, select: { seq: true }, orderBy: { seq: "asc" } })
    ).map((r) => Number(r.seq));
    expect(seqs).toHaveLength(before + 10_000);
    expect(seqs.every((seq, i) => seq === i + 1)).toBe(true);
    const result = await verifyAuditChain(db.prisma, orgId, KEY);
    expect(result).toMatchObject({ ok: true, checked: before + 10_000 });
  }, 300_000);

  it("verifying while writers append reports an intact chain", async () => {
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 300; i++)
        await audit(db.prisma, { orgId, action: "settings.updated", actor: SYSTEM_ACTOR, detail: { i } });
      writing = false;
    })();
    const results = [];
    while (writing) results.push(await verifyAuditChain(db.prisma, orgId, KEY));
    await writer;
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  }, 300_000);

  it("the app's database connection cannot UPDATE, DELETE or TRUNCATE audit rows", async () => {
    await expect(db.prisma.auditEntry.updateMany({ where: { orgId }, data: { outcome: "success" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.prisma.auditEntry.deleteMany({ where: { orgId } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "detail" = '{}' WHERE seq = 5`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE seq = 5`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db.prisma, orgId, KEY)).ok).toBe(true);
  });

  it("an action whose audit entry cannot be written does not happen", async () => {
    const users = await db.prisma.user.count();
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.test" } });
    await sql(`CREATE FUNCTION "refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$;
               CREATE TRIGGER "refuse_audit" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "refuse_audit"();`);
    try {
      await expect(
        createUser(db.prisma, {
          orgId,
          email: "new@example.test",
          password: "granite-violet-ferry-9",
          roleNames: ["viewer"],
        }),
      ).rejects.toThrow(/audit storage unavailable/);
      await expect(
        signIn(db.prisma, { email: "admin@example.test", password: "plum-orbit-candle-41" }),
      ).rejects.toThrow(/audit storage unavailable/);
    } finally {
      await sql(`DROP TRIGGER "refuse_audit" ON "AuditEntry"; DROP FUNCTION "refuse_audit"();`);
    }
    expect(await db.prisma.user.count()).toBe(users);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).lastSignInAt).toEqual(
      admin.lastSignInAt,
    );
  });

  it("records sign-ins, failures and user creation with actor, target and context", async () => {
    const context = { sourceIp: "203.0.113.7", userAgent: "test-agent", requestId: "req-1" };
    await signIn(db.prisma, { email: "admin@example.test", password: "wrong-password-123" }, context);
    await signIn(db.prisma, { email: "ghost@example.test", password: "wrong-password-123" }, context);
    await createUser(db.prisma, {
      orgId,
      email: "analyst@example.test",
      password: "quartz-meadow-lantern-7",
      roleNames: ["analyst"],
    });
    const recent = await db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "desc" }, take: 3 });
    const [created, ghost, wrong] = recent;
    expect(wrong).toMatchObject({
      action: "auth.login.failed",
      outcome: "failure",
      actorLabel: "admin@example.test",
      sourceIp: "203.0.113.7",
      userAgent: "test-agent",
      requestId: "req-1",
      detail: { reason: "wrong_password" },
    });
    expect(ghost).toMatchObject({
      action: "auth.login.failed",
      targetLabel: "ghost@example.test",
      detail: { reason: "unknown_user" },
    });
    expect(created).toMatchObject({ action: "user.created", actorType: "system", targetLabel: "analyst@example.test" });
    expect(JSON.stringify(recent, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(
      /wrong-password-123|quartz-meadow-lantern-7/,
    );
  });

  it("changing one row directly in the database makes verify fail naming that entry", async () => {
    const victim = await db.prisma.auditEntry.findFirstOrThrow({ where: { orgId, seq: 4242 } });
    await sql(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only_row";
               UPDATE "AuditEntry" SET "detail" = '{"writer": 0, "i": 999}' WHERE id = '${victim.id}';
               ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only_row";`);
    const result = await verifyAuditChain(db.prisma, orgId, KEY);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: "4242", id: victim.id, problem: "hash_mismatch" });
    expect(result.firstBad!.message).toContain(victim.id);
    // Put it back so the next test starts from an intact chain.
    await sql(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only_row";
               UPDATE "AuditEntry" SET "detail" = '${JSON.stringify(victim.detail)}' WHERE id = '${victim.id}';
               ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only_row";`);
    expect((await verifyAuditChain(db.prisma, orgId, KEY)).ok).toBe(true);
  });

  it("deleting a row makes verify fail naming the gap", async () => {
    await sql(
      `BEGIN; SELECT set_config('securenet.audit_retention', 'on', true); DELETE FROM "AuditEntry" WHERE seq = 777; COMMIT;`,
    );
    const result = await verifyAuditChain(db.prisma, orgId, KEY);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: "777", problem: "gap" });
    expect(result.firstBad!.message).toMatch(/entry 777 is missing/);
  });
});

describe.each(backends)("audit retention on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    orgId = (await seed(db.prisma, { adminEmail: "admin@example.test", adminPassword: "plum-orbit-candle-41" })).orgId;
  });
  afterAll(() => db.close());

  it("removes old entries, keeps the rest verifiable from a signed checkpoint, and audits itself", async () => {
    for (let i = 0; i < 5; i++)
      await audit(db.prisma, { orgId, action: "settings.updated", actor: SYSTEM_ACTOR, detail: { i } });
    const entries = await db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } });
    const keepFrom = entries[entries.length - 2]!; // keep the last two
    await new Promise((r) => setTimeout(r, 5));
    // "now" such that everything before keepFrom is older than 30 days.
    const now = new Date(keepFrom.at.getTime() + 30 * 86_400_000);
    const result = await applyAuditRetention(db.prisma, { orgId, retentionDays: 30, checkpointKey: KEY, now });
    expect(result.removed).toBe(entries.length - 2);
    const remaining = await db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } });
    expect(remaining.map((e) => e.action)).toEqual(["settings.updated", "settings.updated", "audit.retention_applied"]);
    expect(remaining.at(-1)!.detail).toMatchObject({ removed: entries.length - 2 });

    const verified = await verifyAuditChain(db.prisma, orgId, KEY);
    expect(verified).toMatchObject({ ok: true, checked: 3, firstSeq: keepFrom.seq.toString() });
    expect((await verifyAuditChain(db.prisma, orgId, Buffer.alloc(32, 1))).firstBad?.problem).toBe("bad_checkpoint");
  });
});
