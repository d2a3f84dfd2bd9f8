// Searching stored events: field filters and a time range, newest first, keyset-paged on
// (timestamp, id) so pages stay stable while events keep arriving.
import { storedDocument } from "@/lib/pipeline/stored-doc.ts";
import type { Event, Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/http/errors.ts";

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

export function eventView(event: Event) {
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

// The cursor is the last row's primary key within the org: (timestamp, event.id).
const encodeCursor = (e: Pick<Event, "timestamp" | "eventId">) =>
  Buffer.from(JSON.stringify([e.timestamp.toISOString(), e.eventId])).toString("base64url");

function decodeCursor(cursor: string) {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parts = null;
  }
  const [at, eventId] = Array.isArray(parts) ? parts : [];
  const timestamp = new Date(typeof at === "string" ? at : "");
  if (Number.isNaN(timestamp.getTime()) || typeof eventId !== "string")
    throw new AppError("bad_request", "The cursor is not valid.", [{ path: "cursor", message: "invalid cursor" }]);
  return { timestamp, eventId };
}

export async function listEvents(db: PrismaClient, orgId: string, f: EventFilters) {
  const and: Prisma.EventWhereInput[] = [{ orgId }];
  if (f.since) and.push({ timestamp: { gte: f.since } });
  if (f.until) and.push({ timestamp: { lte: f.until } });
  if (f.sourceIp) and.push({ sourceIp: f.sourceIp });
  if (f.user) and.push({ userName: f.user });
  if (f.host) and.push({ hostName: f.host });
  if (f.module) and.push({ module: f.module });
  if (f.action) and.push({ action: f.action });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.status) and.push({ httpStatus: f.status });
  if (f.q)
    and.push({
      OR: [
        { message: { contains: f.q, mode: "insensitive" } },
        { urlOriginal: { contains: f.q, mode: "insensitive" } },
        { userAgent: { contains: f.q, mode: "insensitive" } },
      ],
    });
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    and.push({ OR: [{ timestamp: { lt: c.timestamp } }, { timestamp: c.timestamp, eventId: { lt: c.eventId } }] });
  }
  const rows = await db.event.findMany({
    where: { AND: and },
    orderBy: [{ timestamp: "desc" }, { eventId: "desc" }],
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  return { items: page.map(eventView), nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}
