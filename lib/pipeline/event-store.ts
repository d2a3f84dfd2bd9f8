// The event store boundary: everything the console asks of the place events are kept. Today that
// is the partitioned "Event" table with its rollups, on PGlite or PostgreSQL; a column store
// (ClickHouse) or a distributed PostgreSQL (Citus) can sit behind the same four operations
// (docs/scaling.md). Alert, incident and audit data are not behind it: they stay relational.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { EventFields } from "@/lib/detection/event.ts";
import { eventHistogram } from "@/lib/events/histogram.ts";
import { listEvents, type EventFilters } from "@/lib/events/query.ts";
import type { HistogramQuery } from "@/lib/validation/event-histogram.ts";
import { applyEventRetention } from "./event-retention.ts";
import { storeEvents, type StoredBatch } from "./store-events.ts";
import type { PreparedEvents } from "./validate-events.ts";

export interface EventStore {
  /** Stores a validated batch, idempotently; answers what was new (and leaves it in the detection backlog). */
  writeBatch<E extends EventFields>(
    orgId: string,
    batch: PreparedEvents<E>,
    source: { apiKeyId: string | null },
    now?: Date,
  ): Promise<StoredBatch<E>>;
  /** Field filters and free text over a bounded time range, newest first, by cursor. */
  search(orgId: string, filters: EventFilters, now?: Date): ReturnType<typeof listEvents>;
  /** Event counts per time bucket, from the rollups. */
  histogram(orgId: string, query: HistogramQuery, now?: Date): ReturnType<typeof eventHistogram>;
  /** Removes the org's events of the days its retention no longer keeps (audited). */
  dropExpired(orgId: string, now?: Date): ReturnType<typeof applyEventRetention>;
}

export function sqlEventStore(db: PrismaClient): EventStore {
  return {
    writeBatch: (orgId, batch, source, now) => storeEvents(db, orgId, batch, source, now),
    search: (orgId, filters, now) => listEvents(db, orgId, filters, now),
    histogram: (orgId, query, now) => eventHistogram(db, orgId, query, now),
    dropExpired: (orgId, now) => applyEventRetention(db, orgId, now),
  };
}
