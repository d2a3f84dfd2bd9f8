// The event as the engine sees it: a stored ECS document and the columns read out of it. The
// pipeline validates input against the ECS schema (lib/pipeline/ecs.ts, which checks there that
// its output is this `EventDoc`), normalizes it and hands the engine these plain values.

/** Unknown fields are kept, as the schema keeps them. */
type Open = { [key: string]: unknown };

export interface EventDoc extends Open {
  "@timestamp"?: string;
  event?: Open & {
    id?: string;
    kind?: string;
    category?: string[];
    action?: string;
    outcome?: "success" | "failure" | "unknown";
    module?: string;
    dataset?: string;
  };
  source?: Open & { ip?: string; port?: number };
  destination?: Open & { ip?: string; port?: number };
  user?: Open & { name?: string };
  host?: Open & { name?: string };
  url?: Open & { original?: string };
  http?: Open & {
    request?: Open & { method?: string; body?: Open & { content?: string } };
    response?: Open & { status_code?: number };
  };
  user_agent?: Open & { original?: string };
  message?: string;
  labels?: Record<string, string>;
  tags?: string[];
}

export type NormalizedDoc = Record<string, unknown> & EventDoc;

export interface NormalizedEvent {
  eventId: string;
  timestamp: Date;
  kind: string | null;
  category: string[];
  action: string | null;
  outcome: string | null;
  module: string | null;
  dataset: string | null;
  sourceIp: string | null;
  sourcePort: number | null;
  destinationIp: string | null;
  destinationPort: number | null;
  userName: string | null;
  hostName: string | null;
  urlOriginal: string | null;
  httpMethod: string | null;
  httpStatus: number | null;
  userAgent: string | null;
  message: string | null;
  doc: NormalizedDoc;
}

/** An event without its document: all that scoring needs once the detectors have run. */
export type EventFields = Omit<NormalizedEvent, "doc">;

export function eventFields(event: NormalizedEvent): EventFields {
  const fields: Partial<NormalizedEvent> = { ...event };
  delete fields.doc;
  return fields as EventFields;
}

/** The event around a document normalizeEvent already filled in (one that went through JSON, say). */
export function wrapNormalizedDoc(doc: NormalizedDoc): NormalizedEvent {
  const event = doc.event as NonNullable<EventDoc["event"]> & { id: string };
  return {
    eventId: event.id,
    timestamp: new Date(doc["@timestamp"]!),
    kind: event.kind ?? null,
    category: event.category ?? [],
    action: event.action ?? null,
    outcome: event.outcome ?? null,
    module: event.module ?? null,
    dataset: event.dataset ?? null,
    sourceIp: doc.source?.ip ?? null,
    sourcePort: doc.source?.port ?? null,
    destinationIp: doc.destination?.ip ?? null,
    destinationPort: doc.destination?.port ?? null,
    userName: doc.user?.name ?? null,
    hostName: doc.host?.name ?? null,
    urlOriginal: doc.url?.original ?? null,
    httpMethod: doc.http?.request?.method ?? null,
    httpStatus: doc.http?.response?.status_code ?? null,
    userAgent: doc.user_agent?.original ?? null,
    message: doc.message ?? null,
    doc,
  };
}
