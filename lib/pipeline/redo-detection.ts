// Redoing the detection a batch's first sending did not finish (detection-backlog.ts): from the
// events stored, as they were stored. Called for a batch sent again (its events are duplicates
// then, and lead to their row by id) and, later, by a sweeper over rows left behind (issue 25).
import { STORED_DOC_COLUMNS, storedDocument, type StoredColumns } from "./stored-doc.ts";
import { rawQuery } from "@/lib/db/raw.ts";
import { wrapNormalizedDoc, type NormalizedDoc } from "@/lib/detection/event.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import { applyPendingBlocks, type PendingBlock } from "./auto-block.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { RaisedAlert } from "./raise-alerts.ts";
import { runDetection } from "./run-detection.ts";
import { scoreEvents } from "./score-events.ts";

// Rows another request is working on right now are skipped, not waited for: that one commits.
const FIND_BY_EVENTS = `
  SELECT "id", "orgId", "eventIds", "pendingBlocks" FROM "DetectionBacklog"
  WHERE "orgId" = $1::uuid AND "eventIds" && $2::text[]
  FOR UPDATE SKIP LOCKED`;

const FIND_STALE = `
  SELECT "id", "orgId", "eventIds", "pendingBlocks" FROM "DetectionBacklog"
  WHERE "createdAt" < $1::timestamptz ORDER BY "createdAt" LIMIT $2::int
  FOR UPDATE SKIP LOCKED`;

const READ_EVENTS = `
  SELECT ${STORED_DOC_COLUMNS.map((c) => `"${c}"`).join(", ")}, "doc" FROM "Event" WHERE "orgId" = $1::uuid AND "eventId" = ANY($2::text[]) ORDER BY "timestamp", "eventId"`;

interface BacklogRow {
  id: string;
  orgId: string;
  eventIds: string[];
  pendingBlocks: PendingBlock[] | null;
}

/** Redoes one row: its automatic blocks when only those were left, else its whole detection. */
async function redo(deps: PipelineDeps, row: BacklogRow): Promise<RaisedAlert[]> {
  if (row.pendingBlocks) {
    await applyPendingBlocks(deps, row.orgId, row.id, row.pendingBlocks);
    return [];
  }
  const rows = await rawQuery<StoredColumns & { doc: unknown }>(deps.db, READ_EVENTS, [row.orgId, row.eventIds]);
  const events = rows.map((stored) => wrapNormalizedDoc(storedDocument(stored) as NormalizedDoc));
  const { ruleset, custom } = await orgRuleset(deps.db, row.orgId);
  // In a worker when there is one, whatever the size: these events may be what got one stuck.
  const scoring = await scoreEvents(deps, events, ruleset, custom, { isolate: true });
  deps.log.info({ orgId: row.orgId, events: events.length }, "redoing the detection of a stored batch");
  return runDetection(deps, { orgId: row.orgId, events, ...scoring, backlogId: row.id });
}

/** For a batch sent again: the detection its first sending did not finish, for the events it holds. */
export async function redoDetectionFor(deps: PipelineDeps, orgId: string, eventIds: string[]): Promise<RaisedAlert[]> {
  if (eventIds.length === 0) return [];
  const rows = await rawQuery<BacklogRow>(deps.db, FIND_BY_EVENTS, [orgId, eventIds]);
  const alerts: RaisedAlert[] = [];
  for (const row of rows) alerts.push(...(await redo(deps, row)));
  return alerts;
}

/**
 * For a periodic sweeper (issue 25): redoes the oldest rows left for longer than `olderThanMs`
 * (a detection still running is younger, or holds its row's lock). Answers how many it redid;
 * a row that fails again stays for the next sweep.
 */
export async function redoStaleBacklog(deps: PipelineDeps, olderThanMs = 60_000, limit = 10, now = new Date()) {
  const rows = await rawQuery<BacklogRow>(deps.db, FIND_STALE, [new Date(now.getTime() - olderThanMs), limit]);
  let redone = 0;
  for (const row of rows) {
    try {
      await redo(deps, row);
      redone++;
    } catch (error) {
      deps.log.warn(
        { err: error, orgId: row.orgId, backlogId: row.id },
        "the detection of a stored batch failed again",
      );
    }
  }
  return redone;
}
