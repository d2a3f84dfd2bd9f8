// Upgrading a database with events stored before the partitioned table: every event survives the
// migration (into the DEFAULT partition), keeps its idempotency, and the first partition pass
// moves the days retention keeps into their day partitions.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrations.ts";
import { backends, createTestDatabase, migrateBefore } from "@/lib/db/testing.ts";
import { DAY_MS } from "./event-partitions.ts";
import { ensureAllEventPartitions } from "./event-retention.ts";
import { storeEvents } from "./store-events.ts";
import { prepareEvents } from "./validate-events.ts";

const NOW = new Date();

describe.each(backends)("the event partitions migration on %s", (backend) => {
  it("keeps every event stored before it, and the partition pass moves them into their days", async () => {
    const db = await createTestDatabase(backend, { migrate: false });
    const conn = await db.openSqlConnection();
    try {
      await migrateBefore(conn, "20261203170000");
      const orgId = randomUUID();
      await conn.query(`INSERT INTO "Org" ("id", "slug", "name") VALUES ($1::uuid, 'old', 'Old')`, [orgId]);
      // Rows as the version before stored them: a uuid id, the whole document.
      const rows = Array.from({ length: 40 }, (_, i) => {
        const timestamp = new Date(NOW.getTime() - (i % 10) * DAY_MS).toISOString();
        const doc = { "@timestamp": timestamp, event: { id: `old-${i}`, module: "sshd" }, message: `line ${i}` };
        return {
          id: randomUUID(),
          orgId,
          eventId: `old-${i}`,
          timestamp,
          receivedAt: timestamp,
          category: [],
          module: "sshd",
          message: doc.message,
          doc,
        };
      });
      await conn.query(`INSERT INTO "Event" SELECT * FROM json_populate_recordset(NULL::"Event", $1::json)`, [
        JSON.stringify(rows),
      ]);
      await applyMigrations(conn, readMigrations());

      const count = async (table: string) =>
        Number((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY "${table}"`))[0]!.n);
      expect(await db.prisma.event.count({ where: { orgId } })).toBe(40);
      expect(await count("Event_default")).toBe(40);

      await ensureAllEventPartitions(db.prisma, NOW);
      expect(await count("Event_default")).toBe(0);
      expect(await db.prisma.event.count({ where: { orgId } })).toBe(40);
      // Still idempotent: a replay of an old event is a duplicate, and the old document reads whole.
      const replay = rows[3]!.doc;
      const again = await storeEvents(
        db.prisma,
        orgId,
        prepareEvents([{ value: replay }], NOW),
        { apiKeyId: null },
        NOW,
      );
      expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
      const listed = await db.prisma.event.findFirstOrThrow({ where: { orgId, eventId: "old-3" } });
      expect(listed.doc).toEqual(replay);
    } finally {
      await conn.close();
      await db.close();
    }
  });
});
