// One ingest request, end to end: read the events, validate them, store the valid ones, score the
// stored ones. A big body is read, validated and scored in a verdict worker (verdict-pool.ts) while
// this thread stores and alerts on other batches: parsing, validating and serialising a thousand
// events was a fifth of the request thread's time. Small bodies, or a failed worker, take the
// same steps here. Events are stored before anything is answered either way. A body whose worker
// the watchdog stopped (stuck in a detector) is read and stored here unscored, marked so: scoring it
// again here would get the request thread stuck instead.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { detect, detectFired } from "@/lib/pipeline/run-detection.ts";
import { processVerdictPool, type ScoredBatch } from "@/lib/pipeline/scoring-pool.ts";
import { WatchdogError } from "./scoring-watchdog.ts";
import { AppError } from "@/lib/http/errors.ts";
import { logger } from "@/lib/log.ts";
import { orgRuleset } from "@/lib/rules/ruleset.ts";
import { ingestEvents, markScoringIncomplete, prepareEvents, storeEvents } from "./store-events.ts";
import { parseEventsText } from "./read-body.ts";

/** Bodies shorter than this (about a hundred events) are handled here: a worker's queue would only add latency. */
export const POOL_MIN_BYTES = 48 * 1024;

export async function receiveEvents(
  db: PrismaClient,
  orgId: string,
  body: { text: string; contentType: string },
  source: { apiKeyId: string | null },
  now = new Date(),
) {
  const scored = await scoreInWorker(db, orgId, body, now);
  if (scored === "stuck") {
    const prepared = prepareEvents(parseEventsText(body.text, body.contentType), now);
    const { accepted, duplicates, rejected, stored } = await storeEvents(db, orgId, prepared, source, now);
    await markScoringIncomplete(
      db,
      orgId,
      stored.map((e) => e.eventId),
      "watchdog",
    );
    return {
      accepted,
      duplicates,
      rejected,
      alerts: await detectFired(
        db,
        orgId,
        stored,
        stored.map(() => []),
      ),
    };
  }
  if (scored) {
    const { accepted, duplicates, rejected, stored, storedIndexes } = await storeEvents(db, orgId, scored, source, now);
    const unscored = new Set(scored.unscored);
    await markScoringIncomplete(
      db,
      orgId,
      storedIndexes.filter((i) => unscored.has(i)).map((i) => scored.valid[i]!.eventId),
      "time_budget",
    );
    const alerts = await detectFired(
      db,
      orgId,
      stored,
      storedIndexes.map((i) => scored.fired[i]!),
    );
    return { accepted, duplicates, rejected, alerts };
  }
  const { accepted, duplicates, rejected, stored } = await ingestEvents(
    db,
    orgId,
    parseEventsText(body.text, body.contentType),
    source,
    now,
  );
  return { accepted, duplicates, rejected, alerts: await detect(db, orgId, stored) };
}

async function scoreInWorker(
  db: PrismaClient,
  orgId: string,
  body: { text: string; contentType: string },
  now: Date,
): Promise<ScoredBatch | "stuck" | null> {
  const pool = processVerdictPool();
  if (!pool?.available() || body.text.length < POOL_MIN_BYTES) return null;
  const { ruleset, custom } = await orgRuleset(db, orgId);
  try {
    return await pool.prepare(body.text, body.contentType, now, ruleset.paranoia, custom);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof WatchdogError) return "stuck";
    logger().warn({ err: error }, "verdict worker failed; reading and scoring this batch inline");
    return null;
  }
}
