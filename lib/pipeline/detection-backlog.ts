// The detection backlog: stored batches whose detection has not committed. The events insert
// writes a batch's row in the same statement (store-events.ts); the detection transaction claims
// it first (row lock) and deletes it with the alerts, hit counts and risk it commits
// (commit-detection.ts). So a detection that fails after storage leaves its row, and whoever comes
// next redoes it from the stored events (redo-detection.ts). Two of them racing may both score,
// but only the one holding the claim commits: no alert is raised twice, no count lost.
import { rawQuery, type RawExecutor } from "@/lib/db/raw.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { PendingBlock } from "./auto-block.ts";

/** For a batch stored event by event (store-events.ts): the row written after the inserts. */
export const ADD_TO_BACKLOG = `
  INSERT INTO "DetectionBacklog" ("id", "orgId", "eventIds", "createdAt")
  VALUES (gen_random_uuid(), $1::uuid, $2::text[], $3::timestamptz) RETURNING "id"`;

/**
 * In the detection transaction, first: locks the row, so a second detection of the same batch
 * waits here and then finds it gone (or its detection done). False: someone else committed it.
 */
export async function claimBacklog(query: RawExecutor, id: string): Promise<boolean> {
  const rows = await query(
    `SELECT "id" FROM "DetectionBacklog" WHERE "id" = $1::uuid AND "pendingBlocks" IS NULL FOR UPDATE`,
    [id],
  );
  return rows.length > 0;
}

/** In the detection transaction, last: done, or done but for the automatic blocks still to apply. */
export async function finishBacklog(query: RawExecutor, id: string, blocks: PendingBlock[]) {
  if (blocks.length === 0) await query(`DELETE FROM "DetectionBacklog" WHERE "id" = $1::uuid`, [id]);
  else
    await query(`UPDATE "DetectionBacklog" SET "pendingBlocks" = $2::jsonb WHERE "id" = $1::uuid`, [
      id,
      JSON.stringify(blocks),
    ]);
}

/** A batch with nothing to write (no hit, no risk): its row goes in one statement, no transaction. */
export async function dropBacklog(db: PrismaClient, id: string, onlyUndetected = true) {
  await rawQuery(
    db,
    `DELETE FROM "DetectionBacklog" WHERE "id" = $1::uuid${onlyUndetected ? ` AND "pendingBlocks" IS NULL` : ""}`,
    [id],
  );
}
