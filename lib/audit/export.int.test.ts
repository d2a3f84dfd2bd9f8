import { randomUUID } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "@/lib/db/testing.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { auditFilters, type AuditFilters } from "@/lib/validation/audit.ts";
import { AUDIT_ACTIONS } from "./actions.ts";
import { entryHash, GENESIS_HASH } from "./canonical.ts";
import { csvField, csvHeader, csvLine, exportAuditEntries, linesToStream } from "./export.ts";
import { auditPageSql, findAuditRows, type AuditEntryItem } from "./query.ts";
import { verifyAuditChain } from "./verify.ts";

const ENTRIES = 100_000;
const INSERT_BATCH = 2_000;
const SAMPLE_EVERY = 5_000;
const MB = 1024 * 1024;
/**
 * The exporter holds one 1,000-row batch: about 1.2 MB of text, a few MB as decoded rows and
 * strings. 32 MB of live heap leaves room for that, the driver's buffers and the 64 KB stream
 * chunks, while a buffered export of these rows would need more than the ~100 MB of output (each
 * line is a string on the heap), which the test also checks is over three times the bound.
 */
const LIVE_HEAP_BOUND = 32 * MB;
const KEY = Buffer.alloc(32, 7);

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const NOTE = "Reviewed during the quarterly access review; no change to the effective permissions was needed. ".repeat(
  4,
);
const FORMULA = '=HYPERLINK("http://evil.test","click")';

/**
 * Writes a real chain of `count` entries straight into the table over a raw connection, one jsonb
 * parameter per batch: Prisma's createMany took 1.8 s per 2,000 rows here, this 0.2 s.
 */
async function writeChain(db: TestDatabase, orgId: string, count: number) {
  const start = Date.now() - count * 1_000;
  const conn = await db.openSqlConnection();
  let prevHash = GENESIS_HASH;
  for (let first = 1; first <= count; first += INSERT_BATCH) {
    const batch = [];
    for (let seq = first; seq < first + INSERT_BATCH && seq <= count; seq++) {
      const failed = seq % 10 === 0;
      const fields = {
        orgId,
        seq: BigInt(seq),
        at: new Date(start + seq * 1_000),
        actorType: failed ? "anonymous" : "user",
        actorId: failed ? null : `user-${seq % 17}`,
        actorLabel: seq % 1_000 === 0 ? FORMULA : `analyst-${seq % 17}@example.test`,
        action: failed ? "auth.login.failed" : AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length]!,
        targetType: "alert",
        targetId: randomUUID(),
        targetLabel: `Alert "${seq}", brute force, from 198.51.100.${seq % 250}`,
        outcome: failed ? "failure" : "success",
        sourceIp: `198.51.100.${seq % 250}`,
        userAgent:
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        requestId: randomUUID(),
        detail: {
          seq,
          changes: { status: { old: "new", new: "in_progress" }, assignee: { old: null, new: `user-${seq % 17}` } },
          note: NOTE,
          tags: ["a,b", 'quote"d', "line\nbreak"],
        },
        prevHash,
      };
      const hash = entryHash(fields);
      batch.push({ ...fields, seq: String(seq), at: fields.at.toISOString(), hash });
      prevHash = hash;
    }
    await conn.query(
      `INSERT INTO "AuditEntry" ("id", "orgId", "seq", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId",
                                 "targetLabel", "outcome", "sourceIp", "userAgent", "requestId", "detail", "prevHash", "hash")
       SELECT gen_random_uuid(), r."orgId"::uuid, r."seq", r."at", r."actorType", r."actorId", r."actorLabel", r."action", r."targetType",
              r."targetId", r."targetLabel", r."outcome", r."sourceIp", r."userAgent", r."requestId", r."detail", r."prevHash", r."hash"
       FROM jsonb_to_recordset($1::jsonb) AS r(
         "orgId" text, "seq" bigint, "at" timestamptz, "actorType" text, "actorId" text, "actorLabel" text, "action" text, "targetType" text,
         "targetId" text, "targetLabel" text, "outcome" text, "sourceIp" text, "userAgent" text, "requestId" text, "detail" jsonb,
         "prevHash" text, "hash" text)`,
      [JSON.stringify(batch)],
    );
  }
  await conn.query(`INSERT INTO "AuditChainHead" ("orgId", "lastSeq", "lastHash") VALUES ($1::uuid, $2, $3)`, [
    orgId,
    String(count),
    prevHash,
  ]);
  // What autovacuum does on PostgreSQL after a bulk load (PGlite has no autovacuum): without
  // statistics the planner sorts instead of walking the (orgId, seq) index.
  await conn.query(`ANALYZE "AuditEntry"`);
  await conn.close();
}

interface Consumed {
  lines: number;
  bytes: number;
  /** Largest heapUsed growth over the baseline after a full GC, sampled every SAMPLE_EVERY lines: what the export holds. */
  peakLive: number;
  /** Live heap change from the first to the last sample: not positive when nothing accumulates. */
  drift: number;
  /** Largest heapUsed growth seen before forcing the GC: includes garbage the collector had not reached yet. */
  peakRaw: number;
  seconds: number;
}

/** Reads every line, checking order, and samples the heap every SAMPLE_EVERY lines. */
async function consume(
  lines: AsyncIterable<string>,
  seqOf: (line: string) => number,
  header?: string,
): Promise<Consumed> {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  const started = performance.now();
  const live: number[] = [];
  let count = 0;
  let bytes = 0;
  let peakRaw = 0;
  let expected = ENTRIES;
  for await (const line of lines) {
    if (count === 0 && header !== undefined) expect(line).toBe(header);
    else if (seqOf(line) !== expected--) throw new Error(`line ${count} is out of order: ${line.slice(0, 80)}`);
    count++;
    bytes += Buffer.byteLength(line);
    if (count % SAMPLE_EVERY === 0) {
      peakRaw = Math.max(peakRaw, process.memoryUsage().heapUsed - baseline);
      gc();
      live.push(process.memoryUsage().heapUsed - baseline);
    }
  }
  const seconds = (performance.now() - started) / 1_000;
  return { lines: count, bytes, peakLive: Math.max(...live), drift: live.at(-1)! - live[0]!, peakRaw, seconds };
}

const report = (backend: string, format: string, c: Consumed) =>
  console.log(
    `[audit export ${backend}] ${format}: ${c.lines} lines, ${(c.bytes / MB).toFixed(1)} MB in ${c.seconds.toFixed(1)} s (incl. ${ENTRIES / SAMPLE_EVERY} forced GCs); ` +
      `live heap growth peak ${(c.peakLive / MB).toFixed(1)} MB, drift first→last sample ${(c.drift / MB).toFixed(1)} MB; ` +
      `heapUsed growth before GC peak ${(c.peakRaw / MB).toFixed(1)} MB`,
  );

describe.each(backends)("exporting 100,000 audit entries on %s", (backend) => {
  let db: TestDatabase;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    orgId = (await db.prisma.org.create({ data: { slug: "export", name: "Export org" } })).id;
    const started = performance.now();
    await writeChain(db, orgId, ENTRIES);
    console.log(
      `[audit export ${backend}] wrote ${ENTRIES} chained entries in ${((performance.now() - started) / 1_000).toFixed(1)} s`,
    );
  }, 120_000);
  afterAll(() => db?.close());

  it("the fixture is a real, intact chain", async () => {
    const started = performance.now();
    expect(await verifyAuditChain(db.prisma, orgId, KEY)).toMatchObject({
      ok: true,
      checked: ENTRIES,
      firstSeq: "1",
      lastSeq: String(ENTRIES),
    });
    console.log(
      `[audit export ${backend}] verified the chain in ${((performance.now() - started) / 1_000).toFixed(1)} s`,
    );
  }, 120_000);

  it("streams CSV line by line with flat memory", async () => {
    const csv = await consume(
      exportAuditEntries(db.prisma, orgId, {}, "csv"),
      (line) => Number(line.slice(0, line.indexOf(","))),
      csvHeader(),
    );
    report(backend, "csv", csv);
    expect(csv.lines).toBe(ENTRIES + 1);
    expect(csv.bytes).toBeGreaterThan(3 * LIVE_HEAP_BOUND);
    expect(csv.peakLive).toBeLessThan(LIVE_HEAP_BOUND);
    expect(csv.drift).toBeLessThan(4 * MB);
  }, 120_000);

  it("streams NDJSON through the HTTP body stream with flat memory", async () => {
    async function* bodyLines() {
      const reader = linesToStream(exportAuditEntries(db.prisma, orgId, {}, "ndjson")).getReader();
      const decoder = new TextDecoder();
      let rest = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const parts = (rest + decoder.decode(value, { stream: true })).split("\n");
        rest = parts.pop()!;
        for (const part of parts) yield `${part}\n`;
      }
      expect(rest).toBe("");
    }
    const ndjson = await consume(bodyLines(), (line) => Number(/"seq":"(\d+)"/.exec(line)![1]));
    report(backend, "ndjson", ndjson);
    expect(ndjson.lines).toBe(ENTRIES);
    expect(ndjson.bytes).toBeGreaterThan(3 * LIVE_HEAP_BOUND);
    expect(ndjson.peakLive).toBeLessThan(LIVE_HEAP_BOUND);
    expect(ndjson.drift).toBeLessThan(4 * MB);
  }, 120_000);

  it("pages walk an index in seq order instead of sorting what lies below the cursor", async () => {
    const cases: AuditFilters[] = [
      {},
      { action: ["auth.login.failed"] },
      { action: ["auth.*"], outcome: "failure" },
      { actor: "analyst-3" },
    ];
    for (const filters of cases) {
      const plan = await db.prisma.$queryRaw<Record<string, string>[]>(
        Prisma.sql`EXPLAIN ${auditPageSql(orgId, filters, { before: 50_000n, limit: 51 })}`,
      );
      const text = plan.map((row) => Object.values(row)[0]).join("\n");
      expect(text, JSON.stringify(filters)).toMatch(/Index (Only )?Scan Backward/);
      expect(text, JSON.stringify(filters)).not.toMatch(/Sort/);
    }
    for (const before of [undefined, 90_000n, 1_000n]) {
      const started = performance.now();
      await findAuditRows(db.prisma, orgId, {}, { before, limit: 51 });
      console.log(
        `[audit export ${backend}] a 50-entry page below ${before ?? "the top"} in ${(performance.now() - started).toFixed(1)} ms`,
      );
    }
  });

  it("exports only what the filter matches", async () => {
    const filters = auditFilters.parse({ action: "auth.*", outcome: "failure", q: "198.51.100.20" });
    const lines: string[] = [];
    for await (const line of exportAuditEntries(db.prisma, orgId, filters, "ndjson")) lines.push(line);
    // seq % 10 === 0 fails; the IP is 198.51.100.(seq % 250), and "198.51.100.20" also matches .200–.209.
    const expected = Array.from({ length: ENTRIES }, (_, i) => ENTRIES - i).filter(
      (s) => s % 10 === 0 && String(s % 250).startsWith("20"),
    );
    expect(lines.map((l) => (JSON.parse(l) as AuditEntryItem).seq)).toEqual(expected.map(String));
  }, 60_000);
});

describe("CSV cells", () => {
  it("quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe('"\'\rx"');
    expect(csvField(FORMULA)).toBe(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
  });

  it("writes the columns in order, detail as JSON", () => {
    const item: AuditEntryItem = {
      id: "ignored",
      seq: "7",
      at: "2026-01-01T00:00:00.000Z",
      actorType: "user",
      actorId: "u1",
      actorLabel: "a@example.test",
      action: "role.updated",
      outcome: "success",
      targetType: "role",
      targetId: "r1",
      targetLabel: "analyst",
      sourceIp: "::1",
      userAgent: null,
      requestId: "req",
      detail: { changes: { permissions: { old: ["a"], new: ["a", "b"] } } },
      prevHash: "0".repeat(64),
      hash: "f".repeat(64),
    };
    expect(csvHeader()).toBe(
      "seq,at,actorType,actorId,actorLabel,action,outcome,targetType,targetId,targetLabel,sourceIp,userAgent,requestId,detail,prevHash,hash\r\n",
    );
    expect(csvLine(item)).toBe(
      `7,2026-01-01T00:00:00.000Z,user,u1,a@example.test,role.updated,success,role,r1,analyst,::1,,req,"{""changes"":{""permissions"":{""old"":[""a""],""new"":[""a"",""b""]}}}",${"0".repeat(64)},${"f".repeat(64)}\r\n`,
    );
  });
});
