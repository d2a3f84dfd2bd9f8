// Raw queries and transactions, through the registered driver and through Prisma's fallback (a
// client opened without openDatabase), on each backend: same answers, commit and rollback alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { backends, createTestDatabase, type TestDatabase } from "./testing.ts";
import { rawQuery, rawTransaction } from "./raw.ts";

describe.each(backends)("raw queries on %s", (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    await db.prisma.$executeRawUnsafe(`CREATE TABLE raw_probe (k text PRIMARY KEY, n int)`);
  });
  afterAll(() => db.close());

  const clients = (): [string, PrismaClient][] => [
    ["driver", db.prisma],
    // Not registered: every call takes Prisma's path.
    ["prisma", Object.create(db.prisma) as PrismaClient],
  ];

  it("reads typed rows, with arrays, dates and a void column counted", async () => {
    for (const [via, client] of clients()) {
      const [row] = await rawQuery<{ a: string[]; at: Date; locked: number }>(
        client,
        `SELECT $1::text[] AS a, $2::timestamptz AS at, (SELECT count(l::text)::int FROM (SELECT pg_advisory_xact_lock(42) AS l) s) AS locked`,
        [["x", "y"], new Date("2026-01-02T03:04:05Z")],
      );
      expect(row, via).toEqual({ a: ["x", "y"], at: new Date("2026-01-02T03:04:05Z"), locked: 1 });
    }
  });

  it("commits a transaction's work, and rolls it all back when the work throws", async () => {
    for (const [via, client] of clients()) {
      await rawTransaction(client, async (query) => {
        await query(`INSERT INTO raw_probe VALUES ($1, 1)`, [`${via}-kept`]);
        await query(`UPDATE raw_probe SET n = n + 1 WHERE k = $1`, [`${via}-kept`]);
      });
      await expect(
        rawTransaction(client, async (query) => {
          await query(`INSERT INTO raw_probe VALUES ($1, 1)`, [`${via}-dropped`]);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      const rows = await rawQuery<{ k: string; n: number }>(
        client,
        `SELECT k, n FROM raw_probe WHERE k LIKE $1 ORDER BY k`,
        [`${via}-%`],
      );
      expect(rows, via).toEqual([{ k: `${via}-kept`, n: 2 }]);
    }
  });

  it("passes large JSON parameters whole, non-ASCII text included, in and out of transactions", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      id: `e-${i}`,
      doc: { message: `Привет ${"é".repeat(30)} 你好 ${"x".repeat(60)} ${i}`, n: i },
    }));
    const json = JSON.stringify(rows);
    expect(json.length).toBeGreaterThan(20_000);
    const sql = `SELECT count(*)::int AS n, max(r.doc ->> 'message') AS last, sum((r.doc ->> 'n')::int)::int AS total FROM jsonb_to_recordset($1::jsonb) AS r(id text, doc jsonb)`;
    const want = {
      n: 400,
      last: rows
        .map((r) => r.doc.message)
        .sort()
        .at(-1),
      total: (399 * 400) / 2,
    };
    for (const [via, client] of clients()) {
      expect((await rawQuery(client, sql, [json]))[0], via).toEqual(want);
      expect((await rawTransaction(client, (query) => query(sql, [json])))[0], via).toEqual(want);
      expect((await rawQuery(client, `SELECT $1::jsonb -> 'a' AS a`, ['{"a": "é"}']))[0], via).toEqual({ a: "é" });
    }
  });
});
