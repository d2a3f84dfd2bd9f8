// Searching stored events: field filters, free text and a time range, newest first, keyset-paged
// on (timestamp, eventId) so pages stay stable while events keep arriving. Every field filter has
// an index (see prisma/schema.prisma, model Event) and free text a trigram index (search-text.ts);
// the planner still walks ("orgId", "timestamp") backwards when a filter matches most rows.
import "server-only";
import type { Event, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { rawQuery } from "@/lib/db/raw.ts";
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor.ts";
import { searchRange } from "./search-range.ts";
import { freeTextSql, matchingTexts, NO_TEXT_MATCHES, type TextMatches } from "./search-text.ts";
import { likePattern } from "@/lib/db/like-pattern.ts";

export interface EventFilters {
  since?: Date;
  until?: Date;
  sourceIp?: string;
  user?: string;
  host?: string;
  module?: string;
  action?: string;
  outcome?: string;
  status?: number;
  q?: string;
  cursor?: string;
  limit: number;
}

type StoredEvent = Pick<
  Event,
  | "eventId"
  | "timestamp"
  | "receivedAt"
  | "module"
  | "action"
  | "outcome"
  | "category"
  | "sourceIp"
  | "userName"
  | "hostName"
  | "urlOriginal"
  | "httpMethod"
  | "httpStatus"
  | "userAgent"
  | "message"
  | "scoringIncomplete"
  | "doc"
>;

export function eventView(event: StoredEvent) {
  return {
    id: event.eventId,
    timestamp: event.timestamp.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
    module: event.module,
    action: event.action,
    outcome: event.outcome,
    category: event.category,
    sourceIp: event.sourceIp,
    userName: event.userName,
    hostName: event.hostName,
    url: event.urlOriginal,
    method: event.httpMethod,
    status: event.httpStatus,
    userAgent: event.userAgent,
    message: event.message,
    /** Why not every detector ran on it ("time_budget" or "watchdog"); null when fully scored. */
    scoringIncomplete: event.scoringIncomplete,
    doc: storedDocument(event),
  };
}

const COLUMNS = `"eventId", "timestamp", "receivedAt", "module", "action", "outcome", "category", "sourceIp", "userName",
  "hostName", "urlOriginal", "httpMethod", "httpStatus", "userAgent", "message", "scoringIncomplete", "doc"`;

const EQUALS = [
  ["sourceIp", "sourceIp"],
  ["user", "userName"],
  ["host", "hostName"],
  ["module", "module"],
  ["action", "action"],
  ["outcome", "outcome"],
  ["status", "httpStatus"],
] as const satisfies readonly (readonly [keyof EventFilters, keyof Event])[];

/**
 * The WHERE clause and its parameters ($1 is the org); shared with the plan test. With free text,
 * `texts` are the dictionary's values matching it (matchingTexts).
 */
export function eventSearchSql(orgId: string, f: EventFilters, now = new Date(), texts: TextMatches = NO_TEXT_MATCHES) {
  const range = searchRange(f, now);
  const params: unknown[] = [orgId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = [`"orgId" = $1::uuid`];
  if (range.since) where.push(`"timestamp" >= ${param(range.since)}::timestamptz`);
  if (range.until) where.push(`"timestamp" <= ${param(range.until)}::timestamptz`);
  for (const [key, column] of EQUALS) if (f[key] !== undefined) where.push(`"${column}" = ${param(f[key])}`);
  if (f.q) where.push(freeTextSql(param(likePattern(f.q)), texts, param));
  if (f.cursor) {
    const c = decodeEventCursor(f.cursor);
    // "timestamp" <= … alone bounds an index range; the OR breaks ties within one millisecond.
    const at = param(c.timestamp);
    where.push(
      `"timestamp" <= ${at}::timestamptz AND ("timestamp" < ${at}::timestamptz OR "eventId" < ${param(c.eventId)})`,
    );
  }
  const sql = `SELECT ${COLUMNS} FROM "Event" WHERE ${where.join(" AND ")}
    ORDER BY "timestamp" DESC, "eventId" DESC LIMIT ${param(f.limit + 1)}`;
  return { sql, params, range };
}

export async function listEvents(db: PrismaClient, orgId: string, f: EventFilters, now = new Date()) {
  const texts = f.q ? await matchingTexts(db, orgId, likePattern(f.q), searchRange(f, now).since) : NO_TEXT_MATCHES;
  const { sql, params, range } = eventSearchSql(orgId, f, now, texts);
  const rows = await rawQuery<StoredEvent>(db, sql, params);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(eventView),
    nextCursor: rows.length > f.limit && last ? encodeEventCursor(last) : null,
    /** What was searched: the UI shows it, and offers older when `defaulted`. */
    range: {
      since: range.since?.toISOString() ?? null,
      until: range.until?.toISOString() ?? null,
      defaulted: range.defaulted,
    },
  };
}
