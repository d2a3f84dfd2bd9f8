// The events list's keyset cursor: the last row's (timestamp, eventId), the order the list is
// sorted in. Never the row's uuid: (orgId, timestamp, eventId) is the table's key once it is
// partitioned by time, and the uuid goes away.
import { AppError } from "@/lib/http/errors.ts";

export interface EventCursor {
  timestamp: Date;
  eventId: string;
}

export const encodeEventCursor = ({ timestamp, eventId }: EventCursor) =>
  Buffer.from(JSON.stringify([timestamp.toISOString(), eventId])).toString("base64url");

export function decodeEventCursor(cursor: string): EventCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const [at, eventId] = Array.isArray(parsed) && parsed.length === 2 ? parsed : [];
  const timestamp = new Date(typeof at === "string" ? at : NaN);
  if (Number.isNaN(timestamp.getTime()) || typeof eventId !== "string" || eventId === "")
    throw new AppError("bad_request", "The cursor is not valid.", [{ path: "cursor", message: "invalid cursor" }]);
  return { timestamp, eventId };
}
